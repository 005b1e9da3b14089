package com.frameworkadvisor.decision;

/** How clearly the answers point one way, so a team knows when to talk it through. */
public enum Confidence {
    STRONG("strong", "Strong"),
    LEANING("leaning", "Leaning"),
    TOO_CLOSE("too_close_to_call", "Too close to call");

    private final String id;
    private final String words;

    Confidence(String id, String words) {
        this.id = id;
        this.words = words;
    }

    public String id() {
        return id;
    }

    /** The level in plain words. */
    public String words() {
        return words;
    }
}
