package com.frameworkadvisor.decision;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team's result in a thread, on a small bank written here so every count can be worked out by hand. */
class TeamTallyTest {
    private static final Question ADMIN = question("admin",
            option("yes", Lean.DJANGO), option("no", Lean.NONE), option(Option.UNSURE, Lean.NONE));
    private static final Question API = question("api",
            option("yes", Lean.FLASK), option("no", Lean.DJANGO), option(Option.UNSURE, Lean.NONE));
    private static final Question SIZE = question("size",
            option("big", Lean.DJANGO), option("small", Lean.FLASK), option(Option.UNSURE, Lean.NONE));
    private static final QuestionBank BANK = new QuestionBank(List.of(), List.of(ADMIN, API, SIZE), List.of());

    private final Scorer scorer = new Scorer();

    private static Question question(String id, Option... options) {
        return new Question(id, "Question " + id + "?", "Short " + id, Optional.empty(), List.of(options));
    }

    private static Option option(String id, Lean lean) {
        return new Option(id, "Option " + id, lean, lean == Lean.NONE ? 0 : 1, false, "because", List.of());
    }

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

        assertEquals(new TeamTally(0, 0, 0, Framework.DJANGO, List.of()), tally);
        assertFalse(tally.isTeam());
    }

    @Test
    void one_person_is_not_yet_a_team() {
        TeamTally tally = tally(List.of(person("api", "yes")));

        assertEquals(1, tally.people());
        assertEquals(1, tally.flask());
        assertEquals(Framework.FLASK, tally.recommendation());
        assertFalse(tally.isTeam());
        assertEquals(List.of(), tally.splits());
    }

    @Test
    void each_person_casts_one_vote_for_their_own_recommendation_and_the_majority_wins() {
        TeamTally tally = tally(List.of(
                person("admin", "yes", "api", "no", "size", "big"),
                person("api", "yes"),
                person("size", "small")));

        assertEquals(3, tally.people());
        assertEquals(1, tally.django());
        assertEquals(2, tally.flask());
        assertEquals(Framework.FLASK, tally.recommendation(), "two people for Flask outvote one for Django, "
                + "however strongly that one leans");
        assertTrue(tally.isTeam());
    }

    @Test
    void a_tie_between_people_goes_to_django() {
        TeamTally tally = tally(List.of(person("api", "yes"), person("api", "no"), person("size", "small"),
                person("size", "big")));

        assertEquals(2, tally.django());
        assertEquals(2, tally.flask());
        assertEquals(Framework.DJANGO, tally.recommendation());
    }

    @Test
    void a_person_whose_own_answers_tie_votes_django() {
        TeamTally tally = tally(List.of(person("api", "yes", "size", "big"), person()));

        assertEquals(2, tally.django());
        assertEquals(0, tally.flask());
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
    void an_option_the_bank_no_longer_has_counts_for_neither_side() {
        // Only "api: yes" counts: Flask 1–0. Had the removed answer counted for Django, this person would tie
        // 1–1 and vote Django.
        TeamTally tally = tally(List.of(person("size", "removed_option", "api", "yes")));

        assertEquals(0, tally.django());
        assertEquals(1, tally.flask());
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
        TeamTally tally = new TeamTally(2, 1, 1, Framework.DJANGO, splits);

        splits.clear();
        counts.put("no", 1);

        assertEquals(1, tally.splits().size());
        assertEquals(Map.of("yes", 1), tally.splits().get(0).counts());
    }
}
