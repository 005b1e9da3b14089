package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The advice for one set of answers.
 *
 * @param framework the recommended framework (for teams that must choose between the two, even when article 004
 *                  points to FastAPI)
 * @param scores the criteria counted for each framework (answers naming the same criterion count once)
 * @param basis which of article 004's rules decided it
 * @param confidence how clearly the answers point that way
 * @param confidenceReason why that confidence, in words that match the arithmetic
 * @param reasons every answer that was not "unsure", in question order (some count for neither side)
 * @param decisive the decisive rules that hold, when one decided
 * @param fastApi what article 004 says of FastAPI for these answers
 * @param flipDistance the fewest changed answers that flip the count: 1, 2, or 3 for "three or more"
 * @param answers the answers this advice is for
 */
public record Recommendation(Framework framework, Scores scores, Basis basis, Confidence confidence,
                             String confidenceReason, List<Reason> reasons, List<DecisiveRule> decisive,
                             FastApiVerdict fastApi, int flipDistance, Answers answers) {
    public Recommendation {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(confidenceReason, "confidenceReason");
        Objects.requireNonNull(fastApi, "fastApi");
        Objects.requireNonNull(answers, "answers");
        reasons = List.copyOf(reasons);
        decisive = List.copyOf(decisive);
    }

    public int margin() {
        return scores.margin();
    }

    /** True when the scores were level and article 004's tie rule chose Django. */
    public boolean decidedByTie() {
        return basis == Basis.TIE;
    }

    public boolean considerFastApi() {
        return fastApi.any();
    }

    /** The answers that count for a framework, including those whose criterion an earlier answer counted. */
    public List<Reason> scoringReasons() {
        return reasons.stream().filter(r -> r.option().movesScore()).toList();
    }

    /** The answers that count for neither framework. */
    public List<Reason> neutralReasons() {
        return reasons.stream().filter(r -> !r.option().movesScore()).toList();
    }

    /** The answers behind the FastAPI verdict, with the article's words. */
    public List<Reason> fastApiReasons() {
        return fastApi.reasons();
    }

    /** The sentences of the rule that decided ({@link #basis}), quoted where the advice explains it. */
    public List<Citation> ruleCitations() {
        ScoringRules rules = answers.bank().rules();
        return switch (basis) {
            case DECISIVE -> decisive.stream().flatMap(rule -> rule.citations().stream()).distinct().toList();
            case COUNT -> rules.count().stream()
                    .filter(c -> c.quote().contains(framework.displayName() + " answers")).findFirst()
                    .map(List::of).orElse(rules.count());
            case TIE -> rules.tie();
            case DJANGO_LEADS, DEFAULT -> rules.fallback();
            case SERVICE -> rules.service().citations();
            case PRODUCT -> rules.product().citations();
        };
    }

    /**
     * The sources cited by this advice, numbered in the order the advice shows them (a decisive rule first, other
     * rules after the reasons): a citation's number is its index + 1.
     */
    public List<Source> citedSources() {
        List<Citation> shown = new ArrayList<>();
        if (basis == Basis.DECISIVE) {
            shown.addAll(ruleCitations());
        }
        reasons.forEach(r -> shown.addAll(r.citations()));
        shown.addAll(ruleCitations());
        Set<Source> sources = new LinkedHashSet<>();
        shown.forEach(c -> sources.add(c.source()));
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
