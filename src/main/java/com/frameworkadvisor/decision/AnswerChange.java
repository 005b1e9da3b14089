package com.frameworkadvisor.decision;

import java.util.Objects;

/**
 * One answer changed: what a team could answer differently.
 *
 * @param question the question
 * @param from the option given now
 * @param to the other option
 */
public record AnswerChange(Question question, Option from, Option to) {
    public AnswerChange {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
