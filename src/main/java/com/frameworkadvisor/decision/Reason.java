package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;

/**
 * One answer and the rule it triggered.
 *
 * @param question the question answered
 * @param option the chosen option, carrying its direction, explanation and citations
 */
public record Reason(Question question, Option option) {
    public Reason {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(option, "option");
    }

    public Lean direction() {
        return option.lean();
    }

    public List<Citation> citations() {
        return option.citations();
    }
}
