package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A team's result in one thread: each person's latest answers count once. Each person's answers give one vote
 * (their own recommendation); the majority wins and a tie goes to Django, the articles' own tie rule.
 *
 * @param people how many people answered
 * @param django how many people's answers recommend Django
 * @param flask how many people's answers recommend Flask
 * @param recommendation the combined recommendation
 * @param splits the questions people answered differently, in question order
 */
public record TeamTally(int people, int django, int flask, Framework recommendation, List<Split> splits) {
    /** An option id the bank no longer has (removed since it was answered); it counts for neither side. */
    public static final String NO_LONGER_ASKED = "no_longer_asked";

    /**
     * How a question split.
     *
     * @param counts option id → how many people chose it, in the question's option order; answers the bank no
     *               longer has are counted under {@link #NO_LONGER_ASKED}
     */
    public record Split(Question question, Map<String, Integer> counts) {
        public Split {
            Objects.requireNonNull(question, "question");
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }
    }

    public TeamTally {
        Objects.requireNonNull(recommendation, "recommendation");
        splits = List.copyOf(splits);
    }

    public boolean isTeam() {
        return people > 1;
    }

    /** Tallies each person's latest raw answers ({@code question id → option id}; unknown ids count for neither). */
    public static TeamTally of(QuestionBank bank, Scorer scorer, List<Map<String, String>> latestAnswers) {
        int django = 0;
        int flask = 0;
        for (Map<String, String> answers : latestAnswers) {
            if (scorer.score(bank.answersIgnoringUnknown(answers)).framework() == Framework.FLASK) {
                flask++;
            } else {
                django++;
            }
        }
        List<Split> splits = new ArrayList<>();
        for (Question question : bank.questions()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Set<String> chosen = new LinkedHashSet<>();
            for (Map<String, String> answers : latestAnswers) {
                String optionId = answers.getOrDefault(question.id(), Option.UNSURE);
                chosen.add(question.option(optionId).isPresent() ? optionId : NO_LONGER_ASKED);
            }
            if (chosen.size() < 2) {
                continue;
            }
            for (Option option : question.options()) {
                counts.put(option.id(), 0);
            }
            counts.put(NO_LONGER_ASKED, 0);
            for (Map<String, String> answers : latestAnswers) {
                String optionId = answers.getOrDefault(question.id(), Option.UNSURE);
                counts.merge(question.option(optionId).isPresent() ? optionId : NO_LONGER_ASKED, 1, Integer::sum);
            }
            counts.values().removeIf(count -> count == 0);
            splits.add(new Split(question, counts));
        }
        // One person, one vote; a tie goes to Django, as article 004 breaks ties.
        Framework recommendation = flask > django ? Framework.FLASK : Framework.DJANGO;
        return new TeamTally(latestAnswers.size(), django, flask, recommendation, splits);
    }
}
