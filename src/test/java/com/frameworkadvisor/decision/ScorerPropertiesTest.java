package com.frameworkadvisor.decision;

import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.support.AnswerCombinations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Properties the advice keeps for every answer set, checked on thousands of them (the bank's corners and a fixed
 * random sample): moving an answer towards one framework never moves the result away from it, and "not sure"
 * is the same as no answer.
 */
class ScorerPropertiesTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();
    private static final Map<String, Map<String, String>> ANSWER_SETS = AnswerCombinations.of(BANK, 3000);

    private final Scorer scorer = new Scorer(BANK);

    @Test
    void changing_one_answer_towards_django_never_moves_the_result_from_django_to_flask() {
        assertEquals(List.of(), oneAnswerChanges(1, Framework.DJANGO, Framework.FLASK));
    }

    @Test
    void changing_one_answer_towards_flask_never_moves_the_result_from_flask_to_django() {
        assertEquals(List.of(), oneAnswerChanges(-1, Framework.FLASK, Framework.DJANGO));
    }

    /**
     * Every change of one answer towards a side ({@code direction} 1: towards Django, -1: towards Flask) that turns
     * the result {@code from} into {@code to}, in every answer set.
     */
    private List<String> oneAnswerChanges(int direction, Framework from, Framework to) {
        List<String> changes = new ArrayList<>();
        int[] checked = {0};
        ANSWER_SETS.forEach((name, answers) -> {
            Framework before = scorer.recommend(BANK.answers(answers));
            for (Question question : BANK.questions()) {
                Option was = question.option(answers.get(question.id())).orElseThrow();
                for (Option now : question.options()) {
                    if (Integer.signum(rank(now.lean()) - rank(was.lean())) != direction) {
                        continue;
                    }
                    Framework after = scorer.recommend(BANK.answers(with(answers, question, now)));
                    if (before == from) {
                        checked[0]++;
                    }
                    if (before == from && after == to) {
                        changes.add(name + ": " + question.id() + " " + was.id() + " → " + now.id());
                    }
                }
            }
        });
        assertTrue(checked[0] > 0, "no change towards that side from a " + from.displayName() + " result was tried");
        return changes;
    }

    @Test
    void answering_not_sure_is_the_same_as_not_answering() {
        ANSWER_SETS.forEach((name, answers) -> {
            Map<String, String> left = new LinkedHashMap<>(answers);
            left.values().removeIf(Option.UNSURE::equals);

            assertEquals(scorer.score(BANK.answers(answers)), scorer.score(BANK.answers(left)), name);
        });
    }

    @Test
    void not_sure_never_changes_a_result_where_the_other_answer_counts_for_nothing() {
        int compared = 0;
        for (Map.Entry<String, Map<String, String>> set : ANSWER_SETS.entrySet()) {
            Recommendation before = scorer.score(BANK.answers(set.getValue()));
            for (Question question : BANK.questions()) {
                Option given = question.option(set.getValue().get(question.id())).orElseThrow();
                if (given.movesScore() || given.fastApi() != FastApiSignal.NONE || inDecisiveRule(question, given)) {
                    continue;
                }
                Recommendation unsure = scorer.score(BANK.answers(with(set.getValue(), question, question.unsure())));
                assertEquals(before.framework(), unsure.framework(), set.getKey() + ", " + question.id());
                assertEquals(before.scores(), unsure.scores(), set.getKey() + ", " + question.id());
                assertEquals(before.confidence(), unsure.confidence(), set.getKey() + ", " + question.id());
                compared++;
            }
        }
        assertTrue(compared > 1000, "compared " + compared);
    }

    @Test
    void a_result_004s_count_decides_with_a_lead_is_never_too_close_to_call() {
        ANSWER_SETS.forEach((name, answers) -> {
            Recommendation r = scorer.score(BANK.answers(answers));
            if (r.basis() == Basis.COUNT && r.confidence() == Confidence.TOO_CLOSE) {
                fail(name + ": " + r.scores() + " is decided by 004's count but called too close");
            }
        });
    }

    /** Flask before neither before Django. */
    private static int rank(Lean lean) {
        return switch (lean) {
            case FLASK -> 0;
            case NONE -> 1;
            case DJANGO -> 2;
        };
    }

    /** Answers a decisive rule names decide by themselves; moving away from one is not a move along the count. */
    private static boolean inDecisiveRule(Question question, Option option) {
        return BANK.decisive().stream().anyMatch(rule -> option.id().equals(rule.when().get(question.id())));
    }

    private static Map<String, String> with(Map<String, String> answers, Question question, Option option) {
        Map<String, String> changed = new LinkedHashMap<>(answers);
        changed.put(question.id(), option.id());
        return changed;
    }
}
