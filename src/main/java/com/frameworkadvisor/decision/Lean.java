package com.frameworkadvisor.decision;

import java.util.Optional;

/** Which side an answer counts for: Django, Flask, or neither. */
public enum Lean {
    DJANGO("django", Framework.DJANGO),
    FLASK("flask", Framework.FLASK),
    NONE("none", null);

    private final String id;
    private final Framework framework;

    Lean(String id, Framework framework) {
        this.id = id;
        this.framework = framework;
    }

    public String id() {
        return id;
    }

    public Optional<Framework> framework() {
        return Optional.ofNullable(framework);
    }

    /** The lean with this id ({@code django}, {@code flask}, {@code none}), if any. */
    public static Optional<Lean> fromId(String id) {
        for (Lean lean : values()) {
            if (lean.id.equals(id)) {
                return Optional.of(lean);
            }
        }
        return Optional.empty();
    }
}
