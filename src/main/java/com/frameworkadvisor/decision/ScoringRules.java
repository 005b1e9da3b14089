package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The sentences of article 004 that turn counted answers into a recommendation, and the criteria its opening
 * sentences recognise. {@link Scorer} applies them; they live in the question bank so that every rule the advice
 * shows is quoted from the article, not paraphrased in code.
 *
 * @param count «Three or more Django answers → Django. Three or more Flask answers → Flask.»
 * @param tie «Tied → Django, because …»
 * @param service the criteria that make 004's first sentence fit («"this is a microservice / API / ML wrapper" →
 *                Flask»), and that sentence
 * @param product the criteria that make its second sentence fit («"this is a product with users, content, and an
 *                admin team" → Django»), and that sentence
 * @param fallback «If neither sentence fits cleanly, default to Django» and its reason
 */
public record ScoringRules(List<Citation> count, List<Citation> tie, Sentence service, Sentence product,
                           List<Citation> fallback) {
    public ScoringRules {
        count = List.copyOf(count);
        tie = List.copyOf(tie);
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(product, "product");
        fallback = List.copyOf(fallback);
    }

    /**
     * One of 004's opening sentences and the criteria whose answers make it fit.
     *
     * @param criteria criterion ids, as options name them
     */
    public record Sentence(Set<String> criteria, List<Citation> citations) {
        public Sentence {
            criteria = Set.copyOf(criteria);
            citations = List.copyOf(citations);
        }
    }
}
