package com.frameworkadvisor.decision;

import com.frameworkadvisor.decision.ScoringModel.Change;
import com.frameworkadvisor.decision.ScoringModel.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which changed answers would flip a recommendation, by trying them on a {@link ScoringModel}: every single
 * change, and the fewest changes by a depth-first search that skips what cannot help (a changed answer removes at
 * most one criterion and adds at most one).
 *
 * <p>From a Django result, Flask needs the count and no decisive rule. From a Flask result only flips of the count
 * are sought: any Flask result turns Django once "complex roles" is ticked, and the decisive rules are reported on
 * their own ({@link #missingForDecisive}).
 */
final class FlipSearch {
    private final ScoringModel model;

    FlipSearch(ScoringModel model) {
        this.model = model;
    }

    /**
     * The fewest changed answers, at most {@code max}, that make the recommendation the other framework, with one
     * such set of changes; empty when no {@code max} changes or fewer do.
     */
    List<Change> fewest(int[] chosen, int max) {
        Verdict now = model.verdict(chosen, true);
        boolean decisive = now.framework() == Framework.DJANGO;
        int[] working = chosen.clone();
        for (int depth = 1; depth <= max; depth++) {
            List<Change> path = new ArrayList<>();
            if (search(working, 0, depth, now.framework(), decisive, path)) {
                return path;
            }
        }
        return List.of();
    }

    /** Every single changed answer that flips the recommendation. */
    List<Change> singles(int[] chosen) {
        Verdict now = model.verdict(chosen, true);
        boolean decisive = now.framework() == Framework.DJANGO;
        List<Change> flips = new ArrayList<>();
        int[] working = chosen.clone();
        for (int q = 0; q < working.length; q++) {
            int original = working[q];
            for (int o = 0; o < model.options(q); o++) {
                if (o == original) {
                    continue;
                }
                working[q] = o;
                if (model.verdict(working, decisive).framework() != now.framework()) {
                    flips.add(new Change(q, o));
                }
            }
            working[q] = original;
        }
        return flips;
    }

    /** The decisive rules that do not hold, with the answers each still needs, in question order. */
    Map<DecisiveRule, List<Change>> missingForDecisive(int[] chosen) {
        Map<DecisiveRule, List<Change>> missing = new LinkedHashMap<>();
        List<DecisiveRule> rules = model.bank().decisive();
        for (int r = 0; r < rules.size(); r++) {
            int[][] answers = model.ruleAnswers(r);
            List<Change> needed = new ArrayList<>();
            for (int i = 0; i < answers[0].length; i++) {
                if (chosen[answers[0][i]] != answers[1][i]) {
                    needed.add(new Change(answers[0][i], answers[1][i]));
                }
            }
            if (!needed.isEmpty()) {
                needed.sort(Comparator.comparingInt(Change::question));
                missing.put(rules.get(r), needed);
            }
        }
        return missing;
    }

    /** Whether changing exactly {@code depth} more answers, from question {@code from} on, flips {@code current}. */
    private boolean search(int[] chosen, int from, int depth, Framework current, boolean decisive,
                           List<Change> path) {
        Verdict verdict = model.verdict(chosen, decisive);
        if (depth == 0) {
            return verdict.framework() != current;
        }
        if (lowerBound(verdict, current) > depth) {
            return false;
        }
        for (int q = from; q < chosen.length; q++) {
            int original = chosen[q];
            for (int o = 0; o < model.options(q); o++) {
                if (model.effectClass(q, o) == model.effectClass(q, original) || firstOfClass(q, o) != o) {
                    continue;
                }
                chosen[q] = o;
                path.add(new Change(q, o));
                if (search(chosen, q + 1, depth - 1, current, decisive, path)) {
                    chosen[q] = original;
                    return true;
                }
                path.remove(path.size() - 1);
            }
            chosen[q] = original;
        }
        return false;
    }

    private int firstOfClass(int question, int option) {
        for (int o = 0; o < option; o++) {
            if (model.effectClass(question, o) == model.effectClass(question, option)) {
                return o;
            }
        }
        return option;
    }

    /**
     * No fewer changes can flip {@code current}. To Flask, Flask must then lead (every Flask verdict needs a lead):
     * the lead moves by at most two a change. From Flask, Django needs to draw level, or Flask to fall below three
     * and lose the clean service reading (one change can do that below three).
     */
    private static int lowerBound(Verdict verdict, Framework current) {
        int django = verdict.django();
        int flask = verdict.flask();
        if (current == Framework.DJANGO) {
            return Math.max(1, (django - flask + 2) / 2);
        }
        int drawLevel = (flask - django + 1) / 2;
        int fallBelow = Math.max(1, flask - (ScoringModel.THRESHOLD - 1));
        return Math.max(1, Math.min(drawLevel, fallBelow));
    }
}
