package com.frameworkadvisor.decision;

/** The votes each framework received. */
public record Scores(int django, int flask) {
    public Scores {
        if (django < 0 || flask < 0) {
            throw new IllegalArgumentException("scores must not be negative: django=" + django + ", flask=" + flask);
        }
    }

    public int of(Framework framework) {
        return framework == Framework.DJANGO ? django : flask;
    }

    public int margin() {
        return Math.abs(django - flask);
    }

    public boolean tied() {
        return django == flask;
    }

    /** As every message shows them: "Django 3 · Flask 1". */
    public String text() {
        return "Django " + django + " · Flask " + flask;
    }
}
