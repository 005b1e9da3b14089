package com.frameworkadvisor.decision;

/** One of the two frameworks the advisor chooses between. */
public enum Framework {
    DJANGO("django", "Django"),
    FLASK("flask", "Flask");

    private final String id;
    private final String displayName;

    Framework(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The id used in the question bank, the message metadata and the CLI's JSON. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }
}
