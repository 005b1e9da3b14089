package com.frameworkadvisor.decision;

import java.util.Optional;

/**
 * What article 004 says of FastAPI for one answer. Only 004 mentions FastAPI; its list «When to Use Neither? (Use
 * FastAPI Instead)» and its «Small note» on new API-only projects are the two strengths here.
 */
public enum FastApiSignal {
    /** 004 says nothing of FastAPI here. */
    NONE("none"),
    /** 004: «you should also consider FastAPI before choosing Django or Flask». */
    CONSIDER("consider"),
    /** 004 names this among the cases to use FastAPI instead of either framework. */
    INSTEAD("instead"),
    /**
     * An API-only service: 004 says to use FastAPI instead for «Modern API-only services where you'd otherwise reach
     * for Flask», so this is {@link #INSTEAD} when the answers point to Flask and {@link #CONSIDER} otherwise.
     */
    INSTEAD_OF_FLASK("instead_of_flask");

    private final String id;

    FastApiSignal(String id) {
        this.id = id;
    }

    /** The id used in the question bank. */
    public String id() {
        return id;
    }

    /** What this answer means for FastAPI once the recommendation is known. */
    FastApiSignal given(Framework recommendation) {
        return this == INSTEAD_OF_FLASK ? (recommendation == Framework.FLASK ? INSTEAD : CONSIDER) : this;
    }

    public static Optional<FastApiSignal> fromId(String id) {
        for (FastApiSignal signal : values()) {
            if (signal.id.equals(id)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }
}
