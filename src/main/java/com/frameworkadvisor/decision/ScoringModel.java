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

    ScoringModel(QuestionBank bank) {
        this.bank = bank;
        this.questions = bank.questions();
        Map<String, Integer> index = new HashMap<>();
        long django = 0;
        long flask = 0;
        bits = new long[questions.size()][];
        for (int q = 0; q < questions.size(); q++) {
            List<Option> options = questions.get(q).options();
            bits[q] = new long[options.size()];
            for (int o = 0; o < options.size(); o++) {
                Option option = options.get(o);
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

    /** The criteria ids of a set of bits, in the order the bank names them. */
    private List<String> criteria(long set) {
        List<String> ids = new ArrayList<>();
        for (int bit = 0; bit < criterionIds.size(); bit++) {
            if ((set & (1L << bit)) != 0) {
                ids.add(criterionIds.get(bit));
            }
        }
        return ids;
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

    /** The option indexes of an answer set. */
    int[] chosen(Answers answers) {
        int[] chosen = new int[questions.size()];
        for (int q = 0; q < chosen.length; q++) {
            Question question = questions.get(q);
            chosen[q] = question.options().indexOf(answers.option(question));
        }
        return chosen;
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

    int options(int question) {
        return bits[question].length;
    }

    /** Options of one question in the same class are the same to every rule: trying one of them is enough. */
    int effectClass(int question, int option) {
        return effect[question][option];
    }

    /** The question and option indexes decisive rule {@code rule} needs. */
    int[][] ruleAnswers(int rule) {
        return new int[][] {ruleQuestions[rule], ruleOptions[rule]};
    }
}
