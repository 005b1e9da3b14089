package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A question bank compiled for scoring: an answer set is an array of option indexes, and the criteria the answers
 * count as are bits of one {@code long}, so that answers naming the same criterion count once (a bit is set or
 * not) and "what would change it" can try thousands of answer sets in a millisecond.
 */
final class ScoringModel {
    /** 004: «Three or more Django answers → Django.» */
    static final int THRESHOLD = 3;

    /** What the count says for one answer set. */
    record Verdict(Framework framework, Basis basis, int django, int flask, long criteria, int decisive) {
    }

    /** One answer changed: question {@code question} to option {@code option} (indexes). */
    record Change(int question, int option) {
    }

    private final QuestionBank bank;
    private final List<Question> questions;
    private final List<String> criterionIds = new ArrayList<>();
    /** [question][option]: the bit of the option's criterion, or 0. */
    private final long[][] bits;
    /** [question][option]: options of one question with the same class are the same to every rule. */
    private final int[][] effect;
    private final long djangoBits;
    private final long flaskBits;
    private final long serviceBits;
    private final long productBits;
    /** [rule]: the question and option indexes that must all be chosen. */
    private final int[][] ruleQuestions;
    private final int[][] ruleOptions;
    private final int[] unsure;

    ScoringModel(QuestionBank bank) {
        this.bank = bank;
        this.questions = bank.questions();
        Map<String, Integer> index = new HashMap<>();
        long django = 0;
        long flask = 0;
        bits = new long[questions.size()][];
        unsure = new int[questions.size()];
        for (int q = 0; q < questions.size(); q++) {
            List<Option> options = questions.get(q).options();
            bits[q] = new long[options.size()];
            for (int o = 0; o < options.size(); o++) {
                Option option = options.get(o);
                if (option.id().equals(Option.UNSURE)) {
                    unsure[q] = o;
                }
                if (option.criterion().isEmpty()) {
                    continue;
                }
                int bit = index.computeIfAbsent(option.criterion().get(), id -> {
                    criterionIds.add(id);
                    return criterionIds.size() - 1;
                });
                if (bit >= Long.SIZE) {
                    throw new IllegalArgumentException("the bank names more than " + Long.SIZE + " criteria");
                }
                bits[q][o] = 1L << bit;
                if (option.lean() == Lean.DJANGO) {
                    django |= bits[q][o];
                } else {
                    flask |= bits[q][o];
                }
            }
        }
        if ((django & flask) != 0) {
            throw new IllegalArgumentException("a criterion counts for both frameworks: "
                    + criteria(django & flask));
        }
        this.djangoBits = django;
        this.flaskBits = flask;
        this.serviceBits = bitsOf(bank.rules().service().criteria(), index);
        this.productBits = bitsOf(bank.rules().product().criteria(), index);
        List<DecisiveRule> rules = bank.decisive();
        ruleQuestions = new int[rules.size()][];
        ruleOptions = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            List<Map.Entry<String, String>> when = List.copyOf(rules.get(r).when().entrySet());
            ruleQuestions[r] = new int[when.size()];
            ruleOptions[r] = new int[when.size()];
            for (int i = 0; i < when.size(); i++) {
                Question question = bank.question(when.get(i).getKey()).orElseThrow();
                ruleQuestions[r][i] = questions.indexOf(question);
                ruleOptions[r][i] = question.options().indexOf(question.option(when.get(i).getValue()).orElseThrow());
            }
        }
        effect = effects();
    }

    /** The bits of criteria some option names; the bank loader refuses rules that name any other. */
    private static long bitsOf(Iterable<String> criteria, Map<String, Integer> index) {
        long bits = 0;
        for (String criterion : criteria) {
            Integer bit = index.get(criterion);
            if (bit != null) {
                bits |= 1L << bit;
            }
        }
        return bits;
    }

    /** Per question, options with the same criterion that take part in the same decisive rules share a class. */
    private int[][] effects() {
        int[][] classes = new int[questions.size()][];
        for (int q = 0; q < questions.size(); q++) {
            int size = questions.get(q).options().size();
            classes[q] = new int[size];
            List<String> seen = new ArrayList<>();
            for (int o = 0; o < size; o++) {
                StringBuilder key = new StringBuilder(Long.toString(bits[q][o]));
                for (int r = 0; r < ruleQuestions.length; r++) {
                    for (int i = 0; i < ruleQuestions[r].length; i++) {
                        if (ruleQuestions[r][i] == q && ruleOptions[r][i] == o) {
                            key.append(',').append(r);
                        }
                    }
                }
                int known = seen.indexOf(key.toString());
                if (known < 0) {
                    seen.add(key.toString());
                    known = seen.size() - 1;
                }
                classes[q][o] = known;
            }
        }
        return classes;
    }

    QuestionBank bank() {
        return bank;
    }

    int size() {
        return questions.size();
    }

    /** The option indexes of an answer set. */
    int[] chosen(Answers answers) {
        int[] chosen = new int[questions.size()];
        for (int q = 0; q < chosen.length; q++) {
            Question question = questions.get(q);
            chosen[q] = question.options().indexOf(answers.option(question));
        }
        return chosen;
    }

    Answers answers(int[] chosen) {
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        for (int q = 0; q < chosen.length; q++) {
            raw.put(questions.get(q).id(), questions.get(q).options().get(chosen[q]).id());
        }
        return bank.answers(raw);
    }

    /** The criteria ids of a set of bits, in bank order. */
    List<String> criteria(long set) {
        List<String> ids = new ArrayList<>();
        for (int bit = 0; bit < criterionIds.size(); bit++) {
            if ((set & (1L << bit)) != 0) {
                ids.add(criterionIds.get(bit));
            }
        }
        return ids;
    }

    long criterionBit(int question, int option) {
        return bits[question][option];
    }

    /**
     * What 004's rules say for these answers. With {@code decisive} false the decisive rules are left out, to see
     * what the count alone says.
     */
    Verdict verdict(int[] chosen, boolean decisive) {
        long criteria = 0;
        for (int q = 0; q < chosen.length; q++) {
            criteria |= bits[q][chosen[q]];
        }
        int holding = decisive ? decisiveHolding(chosen) : 0;
        int django = Long.bitCount(criteria & djangoBits);
        int flask = Long.bitCount(criteria & flaskBits);
        if (holding != 0) {
            return new Verdict(ruleFramework(holding), Basis.DECISIVE, django, flask, criteria, holding);
        }
        if (django == flask) {
            return new Verdict(Framework.DJANGO, Basis.TIE, django, flask, criteria, 0);
        }
        Framework leader = django > flask ? Framework.DJANGO : Framework.FLASK;
        if (Math.max(django, flask) >= THRESHOLD) {
            // 004's two rules; with more than its five questions both sides can reach three: the larger count wins.
            return new Verdict(leader, Basis.COUNT, django, flask, criteria, 0);
        }
        boolean service = (criteria & serviceBits) != 0;
        boolean product = (criteria & productBits) != 0;
        if (leader == Framework.DJANGO) {
            return new Verdict(Framework.DJANGO, product && !service ? Basis.PRODUCT : Basis.DJANGO_LEADS, django,
                    flask, criteria, 0);
        }
        boolean serviceFitsCleanly = service && !product;
        return serviceFitsCleanly
                ? new Verdict(Framework.FLASK, Basis.SERVICE, django, flask, criteria, 0)
                : new Verdict(Framework.DJANGO, Basis.DEFAULT, django, flask, criteria, 0);
    }

    /** Bit r set when decisive rule r holds. */
    private int decisiveHolding(int[] chosen) {
        int holding = 0;
        for (int r = 0; r < ruleQuestions.length; r++) {
            boolean holds = true;
            for (int i = 0; i < ruleQuestions[r].length && holds; i++) {
                holds = chosen[ruleQuestions[r][i]] == ruleOptions[r][i];
            }
            if (holds) {
                holding |= 1 << r;
            }
        }
        return holding;
    }

    /** The framework the holding rules decide; rules for both frameworks cancel, and the count decides. */
    private Framework ruleFramework(int holding) {
        Framework decided = null;
        for (int r = 0; r < ruleQuestions.length; r++) {
            if ((holding & (1 << r)) != 0) {
                Framework framework = bank.decisive().get(r).framework();
                if (decided != null && decided != framework) {
                    throw new IllegalStateException("decisive rules for both frameworks hold; the bank forbids it");
                }
                decided = framework;
            }
        }
        return decided;
    }

    /**
     * The fewest changed answers, at most {@code max}, that make the recommendation the other framework, with one
     * such set of changes; empty when none of {@code max} changes or fewer does. From a Flask result, a change only
     * counts when the count flips: a decisive rule that a change would bring in is reported on its own.
     */
    List<Change> fewestFlips(int[] chosen, int max) {
        Verdict now = verdict(chosen, true);
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

    private boolean search(int[] chosen, int from, int depth, Framework current, boolean decisive,
                           List<Change> path) {
        Verdict verdict = verdict(chosen, decisive);
        if (depth == 0) {
            return verdict.framework() != current;
        }
        if (lowerBound(verdict, current) > depth) {
            return false;
        }
        for (int q = from; q < chosen.length; q++) {
            int original = chosen[q];
            int[] classes = effect[q];
            for (int o = 0; o < classes.length; o++) {
                if (classes[o] == classes[original] || firstOfClass(q, o) != o) {
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
        int[] classes = effect[question];
        for (int o = 0; o < classes.length; o++) {
            if (classes[o] == classes[option]) {
                return o;
            }
        }
        return option;
    }

    /**
     * No fewer changes can flip {@code current}: a changed answer removes at most one criterion and adds at most
     * one. To Flask, Flask must then lead (every Flask verdict needs a lead); from Flask, Django needs to draw level,
     * or Flask to fall below three and lose the clean service reading (one change can do that below three).
     */
    private static int lowerBound(Verdict verdict, Framework current) {
        int django = verdict.django();
        int flask = verdict.flask();
        if (current == Framework.DJANGO) {
            return Math.max(1, (django - flask + 2) / 2);
        }
        int drawLevel = (flask - django + 1) / 2;
        int fallBelow = Math.max(1, flask - (THRESHOLD - 1));
        return Math.max(1, Math.min(drawLevel, fallBelow));
    }

    /** Every single changed answer that flips the recommendation; for a Flask result, by the count alone. */
    List<Change> singleFlips(int[] chosen) {
        Verdict now = verdict(chosen, true);
        boolean decisive = now.framework() == Framework.DJANGO;
        List<Change> flips = new ArrayList<>();
        int[] working = chosen.clone();
        for (int q = 0; q < working.length; q++) {
            int original = working[q];
            for (int o = 0; o < effect[q].length; o++) {
                if (o == original) {
                    continue;
                }
                working[q] = o;
                if (verdict(working, decisive).framework() != now.framework()) {
                    flips.add(new Change(q, o));
                }
            }
            working[q] = original;
        }
        return flips;
    }

    /** The decisive rules that do not hold, with the answers each still needs. */
    Map<DecisiveRule, List<Change>> missingForDecisive(int[] chosen) {
        Map<DecisiveRule, List<Change>> missing = new java.util.LinkedHashMap<>();
        for (int r = 0; r < ruleQuestions.length; r++) {
            List<Change> needed = new ArrayList<>();
            for (int i = 0; i < ruleQuestions[r].length; i++) {
                if (chosen[ruleQuestions[r][i]] != ruleOptions[r][i]) {
                    needed.add(new Change(ruleQuestions[r][i], ruleOptions[r][i]));
                }
            }
            if (!needed.isEmpty()) {
                needed.sort(java.util.Comparator.comparingInt(Change::question));
                missing.put(bank.decisive().get(r), needed);
            }
        }
        return missing;
    }

    int unsure(int question) {
        return unsure[question];
    }
}
