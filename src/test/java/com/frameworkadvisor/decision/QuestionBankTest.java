package com.frameworkadvisor.decision;

import com.frameworkadvisor.support.TinyBank;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.TinyBank.option;
import static com.frameworkadvisor.support.TinyBank.question;
import static com.frameworkadvisor.support.TinyBank.unsure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionBankTest {
    /** A small bank built by hand, so the expected ids in the messages are plain to see. */
    private final QuestionBank bank = TinyBank.of(
            question("admin_ui", option("yes", Lean.DJANGO), option("no", Lean.NONE), unsure()),
            question("api_only", option("yes", Lean.FLASK), option("no", Lean.DJANGO), unsure()));

    @Test
    void unknown_question_is_rejected_with_valid_ids() {
        // given
        Map<String, String> raw = Map.of("admin", "yes");

        // when
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> bank.answers(raw));

        // then
        assertTrue(e.getMessage().contains("'admin'"), e.getMessage());
        assertTrue(e.getMessage().contains("admin_ui, api_only"), e.getMessage());
    }

    @Test
    void unknown_option_is_rejected_naming_question_and_valid_options() {
        // given
        Map<String, String> raw = Map.of("api_only", "maybe");

        // when
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> bank.answers(raw));

        // then
        assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
        assertTrue(e.getMessage().contains("'api_only'"), e.getMessage());
        assertTrue(e.getMessage().contains("yes, no, unsure"), e.getMessage());
    }

    @Test
    void option_ids_are_matched_exactly_not_ignoring_case() {
        // given
        Map<String, String> raw = Map.of("admin_ui", "Yes");

        // when
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> bank.answers(raw));

        // then
        assertTrue(e.getMessage().contains("'Yes'"), e.getMessage());
        assertTrue(e.getMessage().contains("'admin_ui'"), e.getMessage());
    }

    @Test
    void missing_questions_count_as_unsure() {
        // given
        Map<String, String> raw = Map.of("api_only", "yes");

        // when
        Answers answers = bank.answers(raw);

        // then
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("admin_ui", "unsure");
        expected.put("api_only", "yes");
        assertEquals(expected, answers.asMap());
        assertEquals(Option.UNSURE, answers.option(bank.question("admin_ui").orElseThrow()).id());
    }

    @Test
    void answers_are_kept_in_question_order_whatever_order_they_arrive_in() {
        // given
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("api_only", "no");
        raw.put("admin_ui", "yes");

        // when
        Answers answers = bank.answers(raw);

        // then
        assertEquals(List.of("admin_ui", "api_only"), List.copyOf(answers.asMap().keySet()));
        assertEquals(bank.answers(Map.of("admin_ui", "yes", "api_only", "no")), answers);
    }

    @Test
    void answers_ignoring_unknown_count_removed_questions_and_options_as_unsure() {
        // given: answers stored under an earlier bank that had a question "scale" and an option "maybe"
        Map<String, String> raw = Map.of("scale", "large", "admin_ui", "maybe", "api_only", "yes");

        // when
        Answers answers = bank.answersIgnoringUnknown(raw);

        // then
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("admin_ui", "unsure");
        expected.put("api_only", "yes");
        assertEquals(expected, answers.asMap());
    }

    @Test
    void no_answers_means_every_question_unsure() {
        // when
        Answers answers = bank.noAnswers();

        // then
        assertEquals(Map.of("admin_ui", "unsure", "api_only", "unsure"), answers.asMap());
    }
}
