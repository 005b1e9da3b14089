package com.frameworkadvisor.store;

import java.util.List;
import java.util.Objects;

/** Each person's latest answer set in a thread just before and just after one new answer set was recorded. */
public record TeamChange(List<AnswerSet> before, List<AnswerSet> after) {
    public TeamChange {
        before = List.copyOf(Objects.requireNonNull(before, "before"));
        after = List.copyOf(Objects.requireNonNull(after, "after"));
    }
}
