package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;

/**
 * One answer to a question, and what choosing it means for the decision.
 *
 * @param id the option id (the Slack option value and the CLI's {@code question=option})
 * @param text the label people see
 * @param lean which framework choosing this option counts for
 * @param weight how many votes it casts for {@code lean}; 0 when it counts for neither
 * @param fastApi whether the articles say FastAPI may fit better when this is chosen
 * @param why our one-sentence explanation of the rule, in plain words
 * @param citations the article sentences the rule is traced to
 */
public record Option(String id, String text, Lean lean, int weight, boolean fastApi, String why,
                     List<Citation> citations) {
    /** Every question offers this option; it counts for neither framework. */
    public static final String UNSURE = "unsure";

    public Option {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lean, "lean");
        Objects.requireNonNull(why, "why");
        citations = List.copyOf(citations);
        if (weight < 0) {
            throw new IllegalArgumentException("option " + id + ": weight must not be negative, was " + weight);
        }
    }

    /** True when choosing this option adds to one framework's score. */
    public boolean movesScore() {
        return lean != Lean.NONE && weight > 0;
    }
}
