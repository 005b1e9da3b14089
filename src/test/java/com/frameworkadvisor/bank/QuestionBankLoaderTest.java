package com.frameworkadvisor.bank;

import com.frameworkadvisor.decision.CheckboxGroup;
import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionBankLoaderTest {
    private final QuestionBankLoader loader = new QuestionBankLoader();

    @Test
    void the_shipped_bank_loads_with_its_five_sources_a_cited_tie_rule_and_three_decisive_rules() {
        // when
        QuestionBank bank = loader.loadDefault();

        // then
        assertEquals(5, bank.sources().size());
        assertTrue(bank.rules().tie().size() > 0, "the tie rule cites its article");
        assertEquals(List.of("internal_tool_admin", "saas_admin", "complex_roles"),
                bank.decisive().stream().map(DecisiveRule::id).toList());
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
            assertTrue(!unsure.movesScore() && unsure.fastApi() == FastApiSignal.NONE,
                    q.id() + "'s unsure counts for a side");
        }));
    }

    @Test
    void shipped_modal_asks_8_to_12_inputs_so_it_stays_quick_to_answer() {
        // given
        QuestionBank bank = loader.loadDefault();

        // when: a radio question is one input, and a checkbox group is one input for all its checkboxes
        long inputs = bank.questions().stream().filter(q -> !q.isCheckbox()).count() + bank.groups().size();

        // then
        assertTrue(inputs >= 8 && inputs <= 12, "asks " + inputs + " inputs");
        assertEquals(List.of("also"), bank.groups().stream().map(CheckboxGroup::id).toList());
        assertTrue(bank.questionsIn(bank.groups().get(0)).size() <= 10, "Slack's checkboxes take at most 10");
    }

    @Test
    void a_checkbox_is_a_question_of_its_own_ticked_or_not() {
        // when
        Question regulated = loader.loadDefault().question("regulated").orElseThrow();

        // then
        assertEquals(List.of(Question.TICKED, Option.UNSURE), regulated.options().stream().map(Option::id).toList());
        assertEquals("also", regulated.group().orElseThrow());
        assertEquals(Lean.DJANGO, regulated.option(Question.TICKED).orElseThrow().lean());
    }

    @Test
    void shipped_bank_counts_overlapping_answers_as_one_criterion() {
        // given: the examples of answers that say the same thing
        QuestionBank bank = loader.loadDefault();

        // then
        assertEquals(Optional.of("stays_small"), criterion(bank, "outlook", "keep_small"));
        assertEquals(Optional.of("stays_small"), criterion(bank, "scope_growth", "small_defined"));
        assertEquals(Optional.of("stays_small"), criterion(bank, "lifetime", "short_term"));
        assertEquals(Optional.of("admin_for_staff"), criterion(bank, "admin_ui", "yes"));
        assertEquals(Optional.of("admin_for_staff"), criterion(bank, "project_type", "internal_tool"));
        assertEquals(Optional.of("crud_auth_admin"), criterion(bank, "outlook", "crud_auth_admin"),
                "004 counts its Q5 apart from Q1, and its count stays exact");
    }

    private static Optional<String> criterion(QuestionBank bank, String question, String option) {
        return bank.question(question).flatMap(q -> q.option(option)).orElseThrow().criterion();
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

    @Test
    void option_taking_a_side_without_a_criterion_is_rejected() {
        assertRejectedVariant("        criterion: admin_for_staff\n", "", "question 'admin_ui'", "names no criterion");
    }

    @Test
    void criterion_counting_for_both_frameworks_is_rejected() {
        assertRejectedVariant("criterion: api_service", "criterion: admin_for_staff", "question 'api_only'",
                "criterion 'admin_for_staff' counts for django elsewhere");
    }

    @Test
    void rule_naming_a_criterion_no_option_counts_as_is_rejected() {
        assertRejectedVariant("criteria: [api_service]", "criteria: [api_servise]", "rules: service",
                "criterion 'api_servise' is not named by any option");
    }

    @Test
    void source_with_both_a_title_and_an_about_is_rejected() {
        assertRejectedVariant("    title: Django or Flask?\n", "    title: Django or Flask?\n    about: A guide\n",
                "source 'relia'", "never an invented title");
    }

    @Test
    void decisive_rule_naming_an_answer_the_bank_does_not_ask_is_rejected() {
        assertRejectedVariant("questions:\n", """
                decisive:
                  - id: admin_decides
                    framework: django
                    when: {admin_ui: "maybe"}
                    why: Because.
                    citations:
                      - source: relia
                        quote: "Yes → Django."
                questions:
                """, "decisive rule 'admin_decides'", "admin_ui=maybe, which the bank does not ask");
    }

    @Test
    void checkbox_group_loads_each_checkbox_as_a_question() {
        // when
        QuestionBank bank = loadVariant("questions:\n", """
                questions:
                  - id: also
                    label: Anything else?
                    checkboxes:
                      - id: regulated
                        short_label: Regulated
                        text: Security defaults first
                        lean: django
                        criterion: security
                        why: Security floor.
                        citations:
                          - source: relia
                            quote: "Yes → Django."
                """);

        // then
        assertEquals(List.of("regulated", "admin_ui", "api_only"),
                bank.questions().stream().map(Question::id).toList());
        assertEquals("Security defaults first", bank.question("regulated").orElseThrow().label());
    }

    /** Loads valid.yml with one piece replaced, and checks the load fails naming the problem. */
    private void assertRejectedVariant(String piece, String replacement, String where, String problem) {
        InvalidQuestionBankException e = assertThrows(InvalidQuestionBankException.class,
                () -> loadVariant(piece, replacement));
        assertTrue(e.getMessage().startsWith("variant.yml: "), e.getMessage());
        assertTrue(e.getMessage().contains(where), "names " + where + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "names the problem '" + problem + "': " + e.getMessage());
    }

    private QuestionBank loadVariant(String piece, String replacement) {
        try (InputStream in = getClass().getResourceAsStream("/banks/valid.yml")) {
            String valid = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(valid.contains(piece), "valid.yml has no " + piece);
            String variant = valid.replaceFirst(Pattern.quote(piece), Matcher.quoteReplacement(replacement));
            return loader.load("variant.yml", new ByteArrayInputStream(variant.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
