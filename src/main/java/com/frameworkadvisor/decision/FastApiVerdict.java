package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;

/**
 * What article 004 says of FastAPI for a set of answers: nothing, "also consider it", or "use it instead of
 * either". The recommendation itself stays Django or Flask, for teams that must choose between the two.
 *
 * @param level {@link FastApiSignal#NONE}, {@link FastApiSignal#CONSIDER} or {@link FastApiSignal#INSTEAD}
 * @param reasons the answers behind that level, with 004's words
 */
public record FastApiVerdict(FastApiSignal level, List<Reason> reasons) {
    public FastApiVerdict {
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
        if (level == FastApiSignal.INSTEAD_OF_FLASK) {
            throw new IllegalArgumentException("a verdict is none, consider or instead");
        }
    }

    public boolean any() {
        return level != FastApiSignal.NONE;
    }

    /** 004 says to use FastAPI instead of either framework. */
    public boolean instead() {
        return level == FastApiSignal.INSTEAD;
    }

    /**
     * The citations to quote with the verdict: those of the answers that count for neither framework. An answer that
     * counts for one is quoted with its reason already.
     */
    public List<Citation> citations() {
        return reasons.stream().filter(r -> !r.option().movesScore()).flatMap(r -> r.citations().stream())
                .distinct().toList();
    }
}
