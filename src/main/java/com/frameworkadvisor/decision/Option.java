package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer to a question, and what choosing it means for the decision.
 *
 * @param id the option id (the Slack option value and the CLI's {@code question=option})
 * @param text the label people see
 * @param lean which framework choosing this option counts for
 * @param criterion the article criterion it counts as; answers naming the same criterion count once together.
 *                  Present exactly when {@code lean} is a framework
 * @param fastApi what article 004 says of FastAPI for this answer
 * @param why our one-sentence explanation of the rule, in plain words
 * @param citations the article sentences the rule is traced to
 */
public record Option(String id, String text, Lean lean, Optional<String> criterion, FastApiSignal fastApi, String why,
                     List<Citation> citations) {
    /** Every question offers this option; it counts for neither framework. */
    public static final String UNSURE = "unsure";

    public Option {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lean, "lean");
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(fastApi, "fastApi");
        Objects.requireNonNull(why, "why");
        citations = List.copyOf(citations);
        if ((lean != Lean.NONE) != criterion.isPresent()) {
            throw new IllegalArgumentException("option " + id + ": a criterion goes with a lean for a framework, "
                    + "and only then (lean " + lean.id() + ", criterion " + criterion.orElse("none") + ")");
        }
    }

    /** A few words for this answer in tallies and change lists: its text up to the first comma, colon or slash. */
    public String shortText() {
        return text.split("[,;:(]| /", 2)[0].strip();
    }

    /** True when choosing this option counts for one framework. */
    public boolean movesScore() {
        return lean != Lean.NONE;
    }
}
