package com.frameworkadvisor.decision;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The advice for one set of answers.
 *
 * @param framework the recommended framework
 * @param scores the votes each framework received
 * @param confidence how clearly the answers point that way
 * @param confidenceReason why that confidence, in one sentence
 * @param decidedByTie true when the scores were level and the tie rule chose Django
 * @param reasons every answer that was not "unsure", in question order (some count for neither side)
 * @param considerFastApi true when an answer matches what the articles say FastAPI fits better
 * @param answers the answers this advice is for
 */
public record Recommendation(Framework framework, Scores scores, Confidence confidence, String confidenceReason,
                             boolean decidedByTie, List<Reason> reasons, boolean considerFastApi, Answers answers) {
    public Recommendation {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(confidenceReason, "confidenceReason");
        Objects.requireNonNull(answers, "answers");
        reasons = List.copyOf(reasons);
    }

    public int margin() {
        return scores.margin();
    }

    /** The answers that added to a framework's score. */
    public List<Reason> scoringReasons() {
        return reasons.stream().filter(r -> r.option().movesScore()).toList();
    }

    /** The answers that raised the FastAPI note, with the articles' words. */
    public List<Reason> fastApiReasons() {
        return reasons.stream().filter(r -> r.option().fastApi()).toList();
    }

    /** The citations of the tie rule when it decided, else none. */
    public List<Citation> tieBreakCitations() {
        return decidedByTie ? answers.bank().tieBreak() : List.of();
    }

    /** The sources cited by this advice, in order of first citation: a citation's number is its index + 1. */
    public List<Source> citedSources() {
        Set<Source> sources = new LinkedHashSet<>();
        reasons.forEach(r -> r.citations().forEach(c -> sources.add(c.source())));
        tieBreakCitations().forEach(c -> sources.add(c.source()));
        return List.copyOf(sources);
    }

    /** The 1-based number of a cited source, as shown next to quotes and in the source list. */
    public int citationNumber(Source source) {
        int index = citedSources().indexOf(source);
        if (index < 0) {
            throw new IllegalArgumentException("source " + source.id() + " is not cited by this recommendation");
        }
        return index + 1;
    }
}
