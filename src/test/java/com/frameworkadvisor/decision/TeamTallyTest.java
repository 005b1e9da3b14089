package com.frameworkadvisor.decision;

import com.frameworkadvisor.support.TinyBank;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.TinyBank.option;
import static com.frameworkadvisor.support.TinyBank.question;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team's result in a thread, on a small bank written here so every count can be worked out by hand. */
class TeamTallyTest {
    private static final Question ADMIN = question("admin",
            option("yes", Lean.DJANGO, TinyBank.PRODUCT), option("no", Lean.NONE), TinyBank.unsure());
    private static final Question API = question("api",
            option("yes", Lean.FLASK, TinyBank.SERVICE), option("no", Lean.DJANGO), TinyBank.unsure());
    private static final Question SIZE = question("size",
            option("big", Lean.DJANGO), option("small", Lean.FLASK), TinyBank.unsure());
    private static final QuestionBank BANK = TinyBank.of(ADMIN, API, SIZE);

    private final Scorer scorer = new Scorer(BANK);

    /** One person's answers, from {@code question, option} pairs; questions left out are unanswered. */
    private static Map<String, String> person(String... questionThenOption) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < questionThenOption.length; i += 2) {
            answers.put(questionThenOption[i], questionThenOption[i + 1]);
        }
        return answers;
    }

    private TeamTally tally(List<Map<String, String>> people) {
        return TeamTally.of(BANK, scorer, people);
    }

    private static Map<String, Map<String, Integer>> splits(TeamTally tally) {
        Map<String, Map<String, Integer>> splits = new LinkedHashMap<>();
        tally.splits().forEach(split -> splits.put(split.question().id(), split.counts()));
        return splits;
    }

    @Test
    void nobody_answering_is_no_team_and_defaults_to_django() {
        TeamTally tally = tally(List.of());

        assertEquals(0, tally.people());
        assertEquals(Framework.DJANGO, tally.recommendation());
        assertEquals(BANK.noAnswers(), tally.combined().answers());
        assertEquals(List.of(), tally.splits());
        assertFalse(tally.isTeam());
    }

    @Test
    void one_persons_team_result_is_their_own_result() {
        TeamTally tally = tally(List.of(person("api", "yes")));

        assertEquals(1, tally.people());
        assertEquals(1, tally.flask());
        assertEquals(Framework.FLASK, tally.recommendation());
        assertEquals(scorer.score(BANK.answers(person("api", "yes"))), tally.combined());
        assertFalse(tally.isTeam());
        assertEquals(List.of(), tally.splits());
    }

    @Test
    void the_team_result_scores_the_answer_most_people_gave_to_each_question_once() {
        // Alone, two of the three would get Django (a 1–1 tie each); their combined answers are API yes (2 of 3)
        // and size small (2 of 3): Flask 2–0, a service.
        TeamTally tally = tally(List.of(
                person("api", "yes", "size", "small"),
                person("api", "yes", "size", "big"),
                person("api", "no", "size", "small")));

        assertEquals(3, tally.people());
        assertEquals(2, tally.django(), "people whose own answers point to Django");
        assertEquals(1, tally.flask());
        assertEquals(Map.of("admin", "unsure", "api", "yes", "size", "small"), tally.combined().answers().asMap());
        assertEquals(new Scores(0, 2), tally.combined().scores());
        assertEquals(Framework.FLASK, tally.recommendation());
        assertTrue(tally.isTeam());
    }

    @Test
    void an_even_split_between_the_top_answers_counts_as_not_sure() {
        TeamTally tally = tally(List.of(person("api", "yes", "size", "big"), person("api", "no", "size", "big")));

        assertEquals(Map.of("admin", "unsure", "api", "unsure", "size", "big"), tally.combined().answers().asMap());
        assertEquals(Framework.DJANGO, tally.recommendation());
    }

    @Test
    void people_who_left_a_question_unanswered_count_towards_not_sure() {
        TeamTally tally = tally(List.of(person("size", "small"), person(), person()));

        assertEquals(Option.UNSURE, tally.combined().answers().asMap().get("size"));
    }

    @Test
    void a_disagreement_decides_the_team_result_when_settling_it_either_way_gives_different_frameworks() {
        // api is split evenly (so not sure): settled "yes" it is Flask 2–0, a service; settled "no" a 1–1 tie.
        TeamTally tally = tally(List.of(person("api", "yes", "size", "small"), person("api", "no", "size", "small")));

        assertEquals(Framework.DJANGO, tally.recommendation());
        assertEquals(List.of(new TeamTally.Deciding(API, Map.of("yes", Framework.FLASK, "no", Framework.DJANGO))),
                tally.deciding());
        assertEquals(List.of("If you agree on Short api: Option yes, Flask; on Option no, Django."),
                ChangeSummary.team(tally));
    }

    @Test
    void a_disagreement_that_leaves_the_result_alone_does_not_decide_it() {
        TeamTally tally = tally(List.of(person("admin", "yes", "api", "no", "size", "big"),
                person("admin", "no", "api", "no", "size", "big")));

        assertEquals(List.of("admin"), tally.splits().stream().map(s -> s.question().id()).toList());
        assertEquals(List.of(), tally.deciding());
        assertEquals(List.of("None of your disagreements decides the team result on its own: it stays Django "
                + "whichever way you settle any one of them."), ChangeSummary.team(tally));
    }

    @Test
    void splits_are_the_questions_answered_differently_in_question_order_with_counts_in_option_order() {
        TeamTally tally = tally(List.of(
                person("size", "small", "api", "no", "admin", "yes"),
                person("size", "big", "api", "yes", "admin", "yes"),
                person("size", "small", "api", "yes", "admin", "yes")));

        Map<String, Map<String, Integer>> splits = splits(tally);

        assertEquals(List.of("api", "size"), new ArrayList<>(splits.keySet()), "admin was answered alike");
        assertEquals(List.of("yes", "no"), new ArrayList<>(splits.get("api").keySet()));
        assertEquals(Map.of("yes", 2, "no", 1), splits.get("api"));
        assertEquals(List.of("big", "small"), new ArrayList<>(splits.get("size").keySet()));
        assertEquals(Map.of("big", 1, "small", 2), splits.get("size"));
        assertEquals(List.of(API, SIZE), tally.splits().stream().map(TeamTally.Split::question).toList());
    }

    @Test
    void an_unanswered_question_splits_as_unsure() {
        TeamTally tally = tally(List.of(person("size", "big"), person()));

        assertEquals(Map.of("size", Map.of("big", 1, Option.UNSURE, 1)), splits(tally));
    }

    @Test
    void identical_answers_have_no_splits() {
        TeamTally tally = tally(List.of(person("api", "yes", "size", "small"), person("api", "yes", "size", "small"),
                person("api", "yes", "size", "small")));

        assertEquals(List.of(), tally.splits());
        assertEquals(3, tally.flask());
        assertEquals(List.of("You agree on every answer."), ChangeSummary.team(tally));
    }

    @Test
    void an_option_the_bank_no_longer_has_is_counted_as_no_longer_asked_in_the_split() {
        TeamTally tally = tally(List.of(person("admin", "removed_option"), person("admin", "yes"),
                person("admin", "no")));

        Map<String, Integer> admin = splits(tally).get("admin");

        assertEquals(Map.of("yes", 1, "no", 1, TeamTally.NO_LONGER_ASKED, 1), admin);
        assertEquals(List.of("yes", "no", TeamTally.NO_LONGER_ASKED), new ArrayList<>(admin.keySet()),
                "no longer asked comes after the bank's options");
    }

    @Test
    void an_answer_the_bank_no_longer_has_counts_as_not_sure() {
        // Two people gave an option since removed: the answer most given is one nobody can score, so not sure.
        TeamTally tally = tally(List.of(person("size", "removed_option", "api", "yes"),
                person("size", "removed_option", "api", "yes"), person("size", "small", "api", "yes")));

        assertEquals(Option.UNSURE, tally.combined().answers().asMap().get("size"));
        assertEquals(3, tally.flask(), "alone, each counts only api: yes");
        assertEquals(Framework.FLASK, tally.recommendation());
    }

    @Test
    void a_question_the_bank_no_longer_has_is_ignored() {
        TeamTally tally = tally(List.of(person("gone", "x", "api", "yes"), person("gone", "y", "api", "yes")));

        assertEquals(List.of(), tally.splits());
        assertEquals(2, tally.flask());
    }

    @Test
    void the_tallys_collections_cannot_be_changed_from_outside() {
        List<TeamTally.Split> splits = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("yes", 1));
        splits.add(new TeamTally.Split(API, counts));
        TeamTally tally = new TeamTally(2, 1, 1, scorer.score(BANK.noAnswers()), splits, List.of());

        splits.clear();
        counts.put("no", 1);

        assertEquals(1, tally.splits().size());
        assertEquals(Map.of("yes", 1), tally.splits().get(0).counts());
    }
}
