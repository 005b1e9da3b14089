package com.frameworkadvisor.support;

import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.ScoringRules;
import com.frameworkadvisor.decision.Source;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small question banks written in a test, so that every count can be worked out by hand. Each option that takes a
 * side counts as a criterion of its own, named {@code question.option}, unless the test names one.
 */
public final class TinyBank {
    public static final Source ARTICLE = new Source("relia", Optional.of("Django or Flask?"), Optional.empty(),
            Optional.empty(), "Relia Software", Optional.of("https://example.com/relia"), Optional.empty(),
            Optional.empty());
    private static final Citation QUOTE = new Citation(ARTICLE, "Tied → Django");
    private static final AtomicInteger CRITERIA = new AtomicInteger();

    private TinyBank() {
    }

    /** The criterion that makes 004's "microservice / API / ML wrapper" sentence fit, in a tiny bank. */
    public static final String SERVICE = "service";
    /** The criterion that makes 004's "product with users, content, and an admin team" sentence fit. */
    public static final String PRODUCT = "product";

    /** A bank of these questions, with article 004's rules and no decisive rules. */
    public static QuestionBank of(Question... questions) {
        ScoringRules rules = new ScoringRules(List.of(QUOTE), List.of(QUOTE),
                new ScoringRules.Sentence(Set.of(SERVICE), List.of(QUOTE)),
                new ScoringRules.Sentence(Set.of(PRODUCT), List.of(QUOTE)), List.of(QUOTE));
        return new QuestionBank(List.of(ARTICLE), List.of(questions), List.of(), rules, List.of());
    }

    public static Question question(String id, Option... options) {
        return new Question(id, "Question " + id + "?", "Short " + id, Optional.empty(), List.of(options));
    }

    /** An option that counts as a criterion of its own when it takes a side. */
    public static Option option(String id, Lean lean) {
        return option(id, lean, lean == Lean.NONE ? null : "criterion_" + id + "_" + CRITERIA.incrementAndGet());
    }

    /** An option that counts as {@code criterion}; options naming the same criterion count once together. */
    public static Option option(String id, Lean lean, String criterion) {
        return new Option(id, "Option " + id, lean, Optional.ofNullable(criterion), FastApiSignal.NONE, "because",
                lean == Lean.NONE ? List.of() : List.of(QUOTE));
    }

    public static Option unsure() {
        return new Option(Option.UNSURE, "Not sure", Lean.NONE, Optional.empty(), FastApiSignal.NONE,
                "Counts for neither.", List.of());
    }
}
