package com.frameworkadvisor.bench;

import java.util.Locale;

/**
 * What one of our figures should be against the peer's: at most or at least {@code bound} times it, or, for
 * errors, none at all.
 */
record Target(Relation relation, double bound) {

    /** How our figure is held against the peer's. */
    enum Relation { AT_MOST, AT_LEAST, NONE }

    static Target atMost(double ratio) {
        return new Target(Relation.AT_MOST, ratio);
    }

    static Target atLeast(double ratio) {
        return new Target(Relation.AT_LEAST, ratio);
    }

    static Target none() {
        return new Target(Relation.NONE, 0);
    }

    /** Whether {@code ours} meets the target, against {@code peer}. */
    boolean met(double ours, double peer) {
        return switch (relation) {
            case AT_MOST -> ours <= bound * peer;
            case AT_LEAST -> ours >= bound * peer;
            case NONE -> ours == 0;
        };
    }

    /**
     * Whether a missed ratio target is missed by no more than the {@code noise} of that figure (see
     * {@link #departure}): a miss the benchmark cannot tell from chance.
     */
    boolean missWithin(double ratio, double noise) {
        return relation != Relation.NONE && departure(ratio / bound) <= noise;
    }

    /**
     * How far a ratio is from 1, the same either way: 0.5× and 2× are both 100% off, 0.8× and 1.25× both 25%.
     */
    static double departure(double ratio) {
        return Math.max(ratio, 1 / ratio) - 1;
    }

    @Override
    public String toString() {
        return switch (relation) {
            case AT_MOST -> String.format(Locale.ROOT, "≤ %.1f×", bound);
            case AT_LEAST -> String.format(Locale.ROOT, "≥ %.1f×", bound);
            case NONE -> "none";
        };
    }
}
