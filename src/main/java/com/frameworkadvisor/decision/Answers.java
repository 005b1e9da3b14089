package com.frameworkadvisor.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One person's complete set of answers, checked against a question bank (missing answers are unsure). */
public final class Answers {
    private final QuestionBank bank;
    private final Map<String, String> chosen;

    Answers(QuestionBank bank, Map<String, String> chosen) {
        this.bank = Objects.requireNonNull(bank, "bank");
        this.chosen = Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
    }

    /** The chosen option of a question of this bank. */
    public Option option(Question question) {
        return question.option(chosen.get(question.id())).orElseThrow();
    }

    /** {@code question id → option id} for every question, in bank order. */
    public Map<String, String> asMap() {
        return chosen;
    }

    QuestionBank bank() {
        return bank;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Answers that && chosen.equals(that.chosen);
    }

    @Override
    public int hashCode() {
        return chosen.hashCode();
    }

    @Override
    public String toString() {
        return chosen.toString();
    }
}
