package com.frameworkadvisor.decision;

/** Which of article 004's rules decided a recommendation (docs/how-the-advice-works.md explains each). */
public enum Basis {
    /** A combination of answers an article says decides on its own ({@link DecisiveRule}). */
    DECISIVE("decisive"),
    /** «Three or more Django answers → Django. Three or more Flask answers → Flask.» */
    COUNT("count"),
    /** «Tied → Django, because its built-in features usually make future growth easier» */
    TIE("tie"),
    /**
     * Neither side reaches three, Django leads and the answers describe «a product with users, content, and an
     * admin team» (and not a service): 004's sentence for that gives Django.
     */
    PRODUCT("product"),
    /** Neither side reaches three and Django leads, not cleanly a product: the count and 004's default agree. */
    DJANGO_LEADS("django_leads"),
    /** Neither side reaches three, Flask leads and the answers describe a service: «… ML wrapper" → Flask.» */
    SERVICE("service"),
    /** Neither side reaches three, Flask leads, but not cleanly a service: «… default to Django». */
    DEFAULT("default");

    private final String id;

    Basis(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True when 004's count gives no verdict of its own (a tie, or neither side reaching three). */
    public boolean belowThreshold() {
        return this != DECISIVE && this != COUNT;
    }
}
