package com.frameworkadvisor.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A combination of answers an article says decides on its own, whatever the count: «Internal tools /
 * line-of-business apps: The admin alone justifies the framework choice.»
 *
 * @param id a short id, for the metadata and the CLI's JSON
 * @param framework what it decides
 * @param when the answers that must all be given ({@code question id → option id})
 * @param why our one-sentence explanation
 * @param citations the sentences that make it decisive
 */
public record DecisiveRule(String id, Framework framework, Map<String, String> when, String why,
                           List<Citation> citations) {
    public DecisiveRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(why, "why");
        when = Collections.unmodifiableMap(new LinkedHashMap<>(when));
        citations = List.copyOf(citations);
        if (when.isEmpty()) {
            throw new IllegalArgumentException("decisive rule " + id + " names no answers");
        }
    }

    boolean holds(Map<String, String> answers) {
        return when.entrySet().stream().allMatch(e -> e.getValue().equals(answers.get(e.getKey())));
    }
}
