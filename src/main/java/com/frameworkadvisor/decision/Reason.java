package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer and the rule it triggered.
 *
 * @param question the question answered
 * @param option the chosen option, carrying its direction, explanation and citations
 * @param countedWith the earlier question whose answer already counted the same criterion, if one did: this answer
 *                    then adds nothing to the score (no criterion counts twice)
 */
public record Reason(Question question, Option option, Optional<Question> countedWith) {
    public Reason {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(countedWith, "countedWith");
    }

    public Lean direction() {
        return option.lean();
    }

    public List<Citation> citations() {
        return option.citations();
    }

    /** True when this answer added a criterion to one framework's score. */
    public boolean counted() {
        return option.movesScore() && countedWith.isEmpty();
    }
}
