package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A team's result in one thread. The articles score a project, not a person, so the team's answers are combined
 * per question and scored once: each question takes the answer most people gave (an even split between the top
 * answers counts as not sure), and those answers go through the same rules as one person's. Each person's latest
 * answers count once.
 *
 * @param people how many people answered
 * @param django how many people's own answers recommend Django
 * @param flask how many people's own answers recommend Flask
 * @param combined the recommendation for the team's combined answers: the team result
 * @param splits the questions people answered differently, in question order
 * @param deciding the splits whose settling decides the team result, in question order
 */
public record TeamTally(int people, int django, int flask, Recommendation combined, List<Split> splits,
                        List<Deciding> deciding) {
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
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }
    }

    /**
     * A disagreement that decides the team result: settled one way it is Django, another way Flask.
     *
     * @param results option id → the team result if everyone agreed on it, for each answer someone gave
     */
    public record Deciding(Question question, Map<String, Framework> results) {
        public Deciding {
            Objects.requireNonNull(question, "question");
            results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
        }
    }

    public TeamTally {
        Objects.requireNonNull(combined, "combined");
        splits = List.copyOf(splits);
        deciding = List.copyOf(deciding);
    }

    /** The team result: the recommendation for the combined answers. */
    public Framework recommendation() {
        return combined.framework();
    }

    public boolean isTeam() {
        return people > 1;
    }

    /** Tallies each person's latest raw answers ({@code question id → option id}; unknown ids count as unsure). */
    public static TeamTally of(QuestionBank bank, Scorer scorer, List<Map<String, String>> latestAnswers) {
        int django = 0;
        int flask = 0;
        for (Map<String, String> answers : latestAnswers) {
            if (scorer.recommend(bank.answersIgnoringUnknown(answers)) == Framework.FLASK) {
                flask++;
            } else {
                django++;
            }
        }
        Map<String, String> combined = new LinkedHashMap<>();
        List<Split> splits = new ArrayList<>();
        for (Question question : bank.questions()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Option option : question.options()) {
                counts.put(option.id(), 0);
            }
            counts.put(NO_LONGER_ASKED, 0);
            for (Map<String, String> answers : latestAnswers) {
                String optionId = answers.getOrDefault(question.id(), Option.UNSURE);
                counts.merge(question.option(optionId).isPresent() ? optionId : NO_LONGER_ASKED, 1, Integer::sum);
            }
            counts.values().removeIf(count -> count == 0);
            combined.put(question.id(), mostGiven(counts));
            if (counts.size() > 1) {
                splits.add(new Split(question, counts));
            }
        }
        Recommendation result = scorer.score(bank.answers(combined));
        List<Deciding> deciding = new ArrayList<>();
        for (Split split : splits) {
            Map<String, Framework> results = new LinkedHashMap<>();
            Set<Framework> seen = EnumSet.noneOf(Framework.class);
            for (String optionId : split.counts().keySet()) {
                if (optionId.equals(NO_LONGER_ASKED)) {
                    continue;
                }
                Map<String, String> settled = new LinkedHashMap<>(combined);
                settled.put(split.question().id(), optionId);
                Framework framework = scorer.recommend(bank.answers(settled));
                results.put(optionId, framework);
                seen.add(framework);
            }
            if (seen.size() > 1) {
                deciding.add(new Deciding(split.question(), results));
            }
        }
        return new TeamTally(latestAnswers.size(), django, flask, result, splits, deciding);
    }

    /** The answer most people gave; unsure when the top answers are level (or the top one is no longer asked). */
    private static String mostGiven(Map<String, Integer> counts) {
        String top = Option.UNSURE;
        int most = 0;
        boolean level = false;
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (count.getValue() > most) {
                top = count.getKey();
                most = count.getValue();
                level = false;
            } else if (count.getValue() == most) {
                level = true;
            }
        }
        return level || top.equals(NO_LONGER_ASKED) ? Option.UNSURE : top;
    }
}
