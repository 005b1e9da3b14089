package com.frameworkadvisor.store;

import java.util.List;
import java.util.Objects;

/** A stored decision with each person's latest answer set, oldest first. */
public record DecisionHistory(StoredDecision decision, List<AnswerSet> latest) {
    public DecisionHistory {
        Objects.requireNonNull(decision, "decision");
        latest = List.copyOf(latest);
    }
}
