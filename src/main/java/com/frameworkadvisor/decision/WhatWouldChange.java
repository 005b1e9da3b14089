package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which answers would have to change for the recommendation to be the other framework: what a team should
 * discuss next.
 *
 * @param other the framework the changes lead to
 * @param singleChanges every single changed answer that flips the recommendation, in question order
 * @param fewest the fewest changed answers that flip it: 1 when {@code singleChanges} is not empty; 0 when no
 *               set of up to {@link Scorer#MAX_CHANGES} changes does
 * @param example one set of {@code fewest} changes that flips it (empty when {@code fewest} is 0)
 * @param decisive for a Flask result, the decisive rules that do not hold and the answers each still needs: any of
 *                 them would make it Django whatever the count
 */
public record WhatWouldChange(Framework other, List<AnswerChange> singleChanges, int fewest,
                              List<AnswerChange> example, Map<DecisiveRule, List<AnswerChange>> decisive) {
    public WhatWouldChange {
        Objects.requireNonNull(other, "other");
        singleChanges = List.copyOf(singleChanges);
        example = List.copyOf(example);
        decisive = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decisive));
    }
}
