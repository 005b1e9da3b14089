package com.frameworkadvisor.bank;

import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionBankLoaderTest {
    private final QuestionBankLoader loader = new QuestionBankLoader();

    @Test
    void shipped_bank_loads() {
        // when
        QuestionBank bank = loader.loadDefault();

        // then
        assertEquals(5, bank.sources().size());
        assertTrue(bank.tieBreak().size() > 0, "the tie rule cites its article");
    }

    @Test
    void shipped_bank_has_designs_question_and_option_ids_exactly() {
        // given: DESIGN.md's table "Question ids that must exist", in its order
        Map<String, List<String>> design = new LinkedHashMap<>();
        design.put("admin_ui", List.of("yes", "no", "unsure"));
        design.put("auth", List.of("yes", "no", "unsure"));
        design.put("api_only", List.of("yes", "no", "unsure"));
        design.put("team_experience", List.of("under_2_years", "2_to_5_years", "over_5_years", "unsure"));
        design.put("outlook", List.of("crud_auth_admin", "keep_small", "high_throughput_json", "unsure"));
        design.put("lifetime", List.of("years", "short_term", "unsure"));
        design.put("scope_growth", List.of("growing", "small_defined", "unsure"));
        design.put("persistence", List.of("none", "relational", "nosql", "unsure"));

        // when
        QuestionBank bank = loader.loadDefault();

        // then: every table question exists with exactly its options; further questions are allowed
        Map<String, List<String>> shipped = new LinkedHashMap<>();
        for (String id : design.keySet()) {
            bank.question(id).ifPresent(q -> shipped.put(id, q.options().stream().map(Option::id).toList()));
        }
        assertEquals(design, shipped);
    }

    @Test
    void every_shipped_question_offers_unsure_counting_for_neither_side() {
        // when
        QuestionBank bank = loader.loadDefault();

        // then
        assertAll(bank.questions().stream().map(q -> () -> {
            Option unsure = q.option(Option.UNSURE).orElse(null);
            assertNotNull(unsure, q.id() + " has no unsure option");
            assertTrue(!unsure.movesScore() && !unsure.fastApi(), q.id() + "'s unsure counts for a side");
        }));
    }

    @Test
    void shipped_bank_has_8_to_12_questions() {
        // when
        List<Question> questions = loader.loadDefault().questions();

        // then
        assertTrue(questions.size() >= 8 && questions.size() <= 12, "has " + questions.size() + " questions");
    }

    @Test
    void valid_fixture_loads_so_each_broken_fixture_fails_for_its_one_defect() {
        // when
        QuestionBank bank = load("valid.yml");

        // then
        assertEquals(List.of("admin_ui", "api_only"), bank.questions().stream().map(Question::id).toList());
    }

    @Test
    void texts_exactly_at_slacks_limits_load() {
        // when
        QuestionBank bank = load("at-the-limits.yml");

        // then
        Question question = bank.questions().get(0);
        Option option = question.options().get(0);
        assertEquals(2000, question.label().length());
        assertEquals(150, question.help().orElseThrow().length());
        assertEquals(75, option.id().length());
        assertEquals(75, option.text().length());
        assertEquals(25, option.citations().get(0).quote().split(" ").length);
    }

    @Test
    void unknown_property_is_rejected_naming_the_typo() {
        assertRejected("unknown-property.yml", "question 'admin_ui'", "unknown property 'lable'");
    }

    @Test
    void unquoted_yaml_boolean_as_a_text_is_rejected_instead_of_becoming_false() {
        assertRejected("unquoted-boolean-text.yml", "question 'admin_ui'", "Boolean");
    }

    @Test
    void duplicate_question_id_is_rejected() {
        assertRejected("duplicate-question-id.yml", "question 'admin_ui'", "duplicate question id 'admin_ui'");
    }

    @Test
    void duplicate_option_id_is_rejected() {
        assertRejected("duplicate-option-id.yml", "question 'admin_ui'", "duplicate option id 'yes'");
    }

    @Test
    void duplicate_source_id_is_rejected() {
        // a source is not a question: the message names the source instead
        assertRejected("duplicate-source-id.yml", "source 'relia'", "duplicate source id 'relia'");
    }

    @Test
    void citation_of_unknown_source_is_rejected_listing_known_sources() {
        assertRejected("unknown-source.yml", "question 'admin_ui'", "unknown source 'nowhere'; known sources: relia");
    }

    @Test
    void question_without_unsure_is_rejected() {
        assertRejected("missing-unsure.yml", "question 'admin_ui'", "has no 'unsure' option");
    }

    @Test
    void empty_label_is_rejected() {
        assertRejected("empty-label.yml", "question 'admin_ui'", "label is empty");
    }

    @Test
    void option_text_over_75_characters_is_rejected() {
        assertRejected("long-option-text.yml", "question 'admin_ui'", "text is 76 characters");
    }

    @Test
    void option_id_over_75_characters_is_rejected() {
        assertRejected("long-option-id.yml", "question 'admin_ui'", "id is 76 characters");
    }

    @Test
    void label_over_2000_characters_is_rejected() {
        assertRejected("long-label.yml", "question 'admin_ui'", "label is 2001 characters");
    }

    @Test
    void help_over_150_characters_is_rejected() {
        assertRejected("long-help.yml", "question 'admin_ui'", "help is 151 characters");
    }

    @Test
    void quote_over_25_words_is_rejected() {
        assertRejected("long-quote.yml", "question 'admin_ui'", "has 26 words");
    }

    @Test
    void lean_other_than_django_flask_or_none_is_rejected() {
        assertRejected("bad-lean.yml", "question 'admin_ui'", "lean must be one of django, flask, none; was 'rails'");
    }

    @Test
    void scoring_option_without_citations_is_rejected() {
        assertRejected("uncited-scoring-option.yml", "question 'admin_ui'", "cites nothing");
    }

    @Test
    void malformed_yaml_is_rejected_with_its_line() {
        // the parser stops before any question is read, so the message points at the line of the open quote
        assertRejected("malformed.yml", "line 8", "not a valid question bank");
    }

    /** Loads a broken fixture and checks the message names the file, where the problem is, and the problem. */
    private void assertRejected(String fixture, String where, String problem) {
        // when
        InvalidQuestionBankException e = assertThrows(InvalidQuestionBankException.class, () -> load(fixture));

        // then
        String message = e.getMessage();
        assertAll(
                () -> assertTrue(message.startsWith(fixture + ": "), "names the file: " + message),
                () -> assertTrue(message.contains(where), "names " + where + ": " + message),
                () -> assertTrue(message.contains(problem), "names the problem '" + problem + "': " + message));
    }

    private QuestionBank load(String fixture) {
        try (InputStream in = getClass().getResourceAsStream("/banks/" + fixture)) {
            assertNotNull(in, "fixture " + fixture + " is missing");
            return loader.load(fixture, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
