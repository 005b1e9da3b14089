package com.frameworkadvisor.decision;

import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.support.AnswerCombinations;
import com.frameworkadvisor.support.ReferenceRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "What would change it", checked against brute force: every changed answer, pair and triple of changed answers is
 * tried with {@link ReferenceRules}, the documented rules written out plainly, and compared with what the scorer
 * found by its own search.
 */
class WhatWouldChangeTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();

    private final Scorer scorer = new Scorer(BANK);

    /** One changed answer, by ids. */
    private record Change(String question, String option) {
    }

    @Test
    void single_changes_are_exactly_the_changed_answers_that_flip_the_result() {
        AnswerCombinations.of(BANK, 400).forEach((name, answers) -> {
            Recommendation r = scorer.score(BANK.answers(answers));

            Set<Change> found = new HashSet<>();
            scorer.whatWouldChange(r).singleChanges()
                    .forEach(c -> found.add(new Change(c.question().id(), c.to().id())));

            assertEquals(bruteForce(answers, r.framework(), 1), found, name);
        });
    }

    @Test
    void fewest_changes_and_flip_distance_agree_with_pairs_and_triples_tried_one_by_one() {
        int checked = 0;
        for (Map.Entry<String, Map<String, String>> set : AnswerCombinations.of(BANK, 60).entrySet()) {
            Map<String, String> answers = set.getValue();
            Recommendation r = scorer.score(BANK.answers(answers));
            WhatWouldChange change = scorer.whatWouldChange(r);
            if (!change.singleChanges().isEmpty()) {
                assertEquals(1, change.fewest(), set.getKey());
                assertEquals(1, r.flipDistance(), set.getKey());
                continue;
            }
            boolean pairFlips = !bruteForce(answers, r.framework(), 2).isEmpty();
            assertEquals(pairFlips ? 2 : 3, r.flipDistance(), set.getKey() + ": confidence's flip distance");
            if (pairFlips) {
                assertEquals(2, change.fewest(), set.getKey());
            } else {
                assertTrue(change.fewest() >= 3 || change.fewest() == 0, set.getKey() + ": " + change.fewest());
                if (checked++ < 25) { // triples are slow to try one by one; a few dozen sets make the point
                    boolean tripleFlips = !bruteForce(answers, r.framework(), 3).isEmpty();
                    assertEquals(tripleFlips, change.fewest() == 3, set.getKey() + ": three changes");
                }
            }
            if (change.fewest() > 0) {
                Map<String, String> changed = new LinkedHashMap<>(answers);
                change.example().forEach(c -> changed.put(c.question().id(), c.to().id()));
                assertEquals(change.fewest(), change.example().size(), set.getKey());
                assertNotEquals(r.framework(), ReferenceRules.verdict(BANK, changed,
                        r.framework() == Framework.DJANGO), set.getKey() + ": the example flips it");
            }
        }
    }

    @Test
    void the_issues_leaning_example_names_the_one_answer_that_flips_it() {
        Recommendation r = scorer.score(BANK.answers(Map.of("admin_ui", "yes", "auth", "yes", "api_only", "yes",
                "team_experience", "over_5_years", "outlook", "crud_auth_admin")));

        WhatWouldChange change = scorer.whatWouldChange(r);

        assertEquals(Framework.FLASK, change.other());
        assertTrue(change.singleChanges().stream().anyMatch(c -> c.question().id().equals("outlook")
                && c.to().id().equals("keep_small")), change.singleChanges().toString());
        assertTrue(ChangeSummary.of(change).get(0).startsWith("One changed answer would make it Flask: "),
                ChangeSummary.of(change).toString());
    }

    @Test
    void where_no_single_answer_flips_it_the_summary_says_how_many_would() {
        Recommendation r = scorer.score(BANK.answers(Map.of("admin_ui", "yes", "auth", "yes", "api_only", "no",
                "team_experience", "under_2_years", "outlook", "crud_auth_admin")));

        WhatWouldChange change = scorer.whatWouldChange(r);

        assertEquals(List.of(), change.singleChanges());
        assertEquals(3, change.fewest());
        assertTrue(ChangeSummary.of(change).get(0).startsWith("No single changed answer would make it Flask; it "
                + "would take 3, for example "), ChangeSummary.of(change).toString());
    }

    /**
     * Every set of exactly {@code size} changed answers (as single changes when size is 1; otherwise just those
     * found, as the first change of each) that flips the result, by the reference rules. From a Flask result only
     * the count is tried: a decisive rule a change brings in is reported apart.
     */
    private static Set<Change> bruteForce(Map<String, String> answers, Framework current, int size) {
        Set<Change> flips = new HashSet<>();
        search(answers, new ArrayList<>(BANK.questions()), 0, size, current, new ArrayList<>(), flips);
        return flips;
    }

    private static void search(Map<String, String> answers, List<Question> questions, int from, int left,
                               Framework current, List<Change> path, Set<Change> flips) {
        if (left == 0) {
            if (ReferenceRules.verdict(BANK, answers, current == Framework.DJANGO) != current) {
                flips.add(path.get(0));
            }
            return;
        }
        for (int q = from; q < questions.size(); q++) {
            Question question = questions.get(q);
            String original = answers.get(question.id());
            for (Option option : question.options()) {
                if (option.id().equals(original)) {
                    continue;
                }
                Map<String, String> changed = new LinkedHashMap<>(answers);
                changed.put(question.id(), option.id());
                path.add(new Change(question.id(), option.id()));
                search(changed, questions, q + 1, left - 1, current, path, flips);
                path.remove(path.size() - 1);
                if (left > 1 && !flips.isEmpty()) {
                    return; // for pairs and triples, one is enough to know that many changes can flip it
                }
            }
        }
    }
}
