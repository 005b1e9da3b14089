package com.frameworkadvisor.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One person's submitted answers in a decision thread, with the result they gave at the time.
 *
 * @param answers {@code question id → option id}, as submitted; ids may since have left the question bank
 */
public record AnswerSet(String userId, Map<String, String> answers, String result, int djangoScore, int flaskScore,
                        Instant answeredAt) {
    public AnswerSet {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(answeredAt, "answeredAt");
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers)); // in the order given: output is stable
    }
}
