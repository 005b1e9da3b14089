package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.ScoringRules;
import com.frameworkadvisor.decision.Source;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.support.BlockKitLimits;
import com.frameworkadvisor.support.JsonFixtures;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.TextFixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.frameworkadvisor.slack.render.ParentRendererTest.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision record, as Markdown (src/test/resources/slack/records/) and as the thread message that carries it
 * (src/test/resources/slack/messages/), compared whole with fixtures, and the limits a long record keeps.
 */
class DecisionRecordRendererTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scorer SCORER = new Scorer(BANK);
    private static final String ASKER = SlackPayloads.ASKER;
    private static final String SECOND = "U0SECOND";
    private static final String THIRD = "U0THIRD3";
    private static final String RECORDER = "U0RECORDER";
    private static final String PROJECT = "Customer portal";
    /** Late in the UTC day: the record's date must not depend on the machine's time zone. */
    private static final Instant RECORDED_AT = Instant.parse("2026-03-05T23:30:00Z");
    private static final String THREAD_URL = HistoryRenderer.threadUrl("acme", SlackPayloads.CHANNEL,
            "1700000000.000100");

    private final DecisionRecordRenderer records = new DecisionRecordRenderer();
    private final ParentRenderer parents = new ParentRenderer(JSON);

    @Test
    void a_single_persons_record_gives_their_result_each_reason_with_its_quote_and_no_disagreement() {
        TextFixtures.assertMatches("slack/records/single-django.md", records.markdown(single().facts()));
    }

    @Test
    void a_team_record_argues_for_the_combined_answers_and_lists_every_point_of_disagreement() {
        TextFixtures.assertMatches("slack/records/team-flask.md", records.markdown(team().facts()));
    }

    @Test
    void the_record_message_names_who_recorded_it_and_carries_the_record_in_a_code_block_with_the_parents_metadata() {
        Decision single = single();

        SlackMessage message = records.message(single.facts(), single.parent().metadata());

        JsonFixtures.assertMatches("slack/messages/record-single-django.json", tree(message));
    }

    @Test
    void a_team_record_message_escapes_the_project_name_inside_its_code_block() {
        Decision team = team();

        SlackMessage message = records.message(team.facts(), team.parent().metadata());

        JsonFixtures.assertMatches("slack/messages/record-team-flask.json", tree(message));
    }

    @Test
    void markdown_is_an_architecture_decision_record_of_the_team_result() {
        Source guide = new Source("guide", Optional.of("Django or Flask"), Optional.empty(), Optional.empty(),
                "Example Press", Optional.of("https://example.com/guide"), Optional.of("2024"), Optional.empty());
        Source notes = new Source("notes", Optional.of("Small apps"), Optional.empty(), Optional.empty(), "Notes Inc",
                Optional.empty(), Optional.empty(), Optional.empty());
        Question adminUi = new Question("admin_ui", "Will staff manage data in an admin UI?", "Admin UI",
                Optional.empty(), List.of(
                        option("admin_ui", "yes", "Yes", Lean.DJANGO, FastApiSignal.NONE, "Django ships an admin.",
                                new Citation(guide, "Django includes an admin panel.")),
                        option("admin_ui", "no", "No", Lean.NONE, FastApiSignal.NONE, "Favours neither."),
                        option("admin_ui", "unsure", "Not sure", Lean.NONE, FastApiSignal.NONE,
                                "Counts for neither.")));
        Question apiOnly = new Question("api_only", "Is it an API-only service?", "API only", Optional.empty(),
                List.of(
                        option("api_only", "yes", "Yes", Lean.FLASK, FastApiSignal.INSTEAD_OF_FLASK,
                                "A small JSON API suits a microframework.",
                                new Citation(notes, "FastAPI fits JSON APIs.")),
                        option("api_only", "no", "No", Lean.DJANGO, FastApiSignal.NONE, "Pages and forms suit Django.",
                                new Citation(guide, "Django renders pages.")),
                        option("api_only", "unsure", "Not sure", Lean.NONE, FastApiSignal.NONE,
                                "Counts for neither.")));
        Citation rule = new Citation(guide, "Ties go to Django.");
        ScoringRules rules = new ScoringRules(List.of(rule), List.of(rule),
                new ScoringRules.Sentence(Set.of("api_only.yes"), List.of(rule)),
                new ScoringRules.Sentence(Set.of("admin_ui.yes"), List.of(rule)), List.of(rule));
        QuestionBank bank = new QuestionBank(List.of(guide, notes), List.of(adminUi, apiOnly), List.of(), rules,
                List.of());
        Scorer scorer = new Scorer(bank);
        Map<String, String> newestAnswers = Map.of("admin_ui", "yes", "api_only", "yes");
        Map<String, String> flaskAnswers = Map.of("admin_ui", "no", "api_only", "yes");
        TeamTally team = TeamTally.of(bank, scorer, List.of(flaskAnswers, flaskAnswers, newestAnswers));
        // As DecisionRecorder does: a team's record argues from the combined answers.
        var facts = new DecisionRecordRenderer.Facts(team.combined(), Optional.of(team),
                Optional.of(PROJECT), List.of(ASKER, SECOND, THIRD), SECOND,
                // Late in the UTC day: the record's date must not depend on the machine's time zone.
                Instant.parse("2024-03-05T23:30:00Z"),
                "https://test.slack.com/archives/C0GENERAL/p1700000000000101");

        String markdown = new DecisionRecordRenderer().markdown(facts);

        assertEquals("""
                # Use Flask for Customer portal

                - Status: Accepted
                - Date: 2024-03-05
                - Deciders (Slack user ids): U0ASKER1, U0SECOND, U0THIRD3
                - Recorded by (Slack user id): U0SECOND
                - Discussion: https://test.slack.com/archives/C0GENERAL/p1700000000000101

                ## Context

                We had to choose between Django and Flask for Customer portal. 3 people answered Framework \
                Advisor's questions in Slack; its advice is built from published articles, cited below.

                ## Decision

                We will use **Flask**. Team: 3 people; each question took the answer most people gave, and \
                those answers were scored once. Combined answers: Flask, Django 0 · Flask 1, confidence too \
                close to call.

                ## Reasons

                - API only: Yes → Flask. A small JSON API suits a microframework.
                  > “FastAPI fits JSON APIs.” [1]

                ## Points of disagreement

                - Admin UI: 1 yes · 2 no

                ## Also considered

                - FastAPI: article 004 points to it over both for API only (Yes).

                ## Sources

                1. Notes Inc, “Small apps” (no public link known)
                2. Example Press, “Django or Flask”, 2024. https://example.com/guide
                """, markdown);
    }

    @Test
    void message_keeps_every_section_within_slack_limits_and_every_code_block_closed_for_a_long_record() {
        QuestionBank bank = TestApp.bank();
        Scorer scorer = new Scorer(bank);
        // Every question answered, with the option citing the most; a second and third person differ everywhere,
        // so every question is a point of disagreement.
        Map<String, String> newest = new LinkedHashMap<>();
        Map<String, String> unsure = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        for (Question question : bank.questions()) {
            Option cited = question.options().stream().filter(o -> !o.id().equals(Option.UNSURE))
                    .max(Comparator.comparingInt(o -> o.citations().size())).orElseThrow();
            newest.put(question.id(), cited.id());
            unsure.put(question.id(), Option.UNSURE);
            other.put(question.id(), question.options().stream().map(Option::id)
                    .filter(id -> !id.equals(cited.id()) && !id.equals(Option.UNSURE)).findFirst()
                    .orElse(Option.UNSURE)); // a checkbox is ticked or not
        }
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            people.add(String.format("U%08d", i));
        }
        // The longest project name the modal accepts, made of the characters mrkdwn escaping makes five times longer.
        String project = "&<>".repeat(ModalRenderer.MAX_PROJECT / 3 + 1).substring(0, ModalRenderer.MAX_PROJECT);
        Recommendation recommendation = scorer.score(bank.answers(newest));
        var facts = new DecisionRecordRenderer.Facts(recommendation,
                Optional.of(TeamTally.of(bank, scorer, List.of(unsure, other, newest))), Optional.of(project),
                people, people.get(0), Instant.parse("2026-01-31T12:00:00Z"),
                "https://a-very-long-workspace-name-for-testing.slack.com/archives/C0GENERAL/p1700000000000101");
        var renderer = new DecisionRecordRenderer();

        SlackMessage message = renderer.message(facts, BlockKit.object().put("event_type", "framework_recommendation"));

        assertEquals(List.of(), BlockKitLimits.messageProblems(message.text(), message.blocks()));
        assertTrue(message.blocks().size() <= BlockKitLimits.MESSAGE_BLOCKS, message.blocks().size() + " blocks");
        StringBuilder code = new StringBuilder();
        for (int i = 1; i < message.blocks().size(); i++) {
            String text = message.blocks().get(i).path("text").path("text").asText();
            assertTrue(text.length() <= BlockKitLimits.TEXT, "block " + i + " is " + text.length() + " characters");
            assertTrue(text.startsWith("```\n") && text.endsWith("\n```"),
                    "block " + i + " is a whole code block (nothing cut off by the length limit): " + text);
            code.append(text, 4, text.length() - 3);
        }
        for (String line : renderer.markdown(facts).split("\n")) {
            // Very long lines (the 400 deciders) may be shortened; every other line of the record must be there.
            if (line.length() < 1000) {
                assertTrue(code.toString().contains(Mrkdwn.escape(line)), "the record lost the line: " + line);
            }
        }
        assertTrue(code.toString().contains("## Sources"), "the record is complete to its last section");
    }

    /** A record's facts and the parent it marks decided, whose metadata the record message carries. */
    private record Decision(DecisionRecordRenderer.Facts facts, SlackMessage parent) {
    }

    /** The asker alone decided Django (5 to 0) and recorded it. */
    private Decision single() {
        Recommendation newest = score(SlackPayloads.djangoAnswers());
        var recorded = new ParentRenderer.Recorded(ASKER, RECORDED_AT);
        var facts = new DecisionRecordRenderer.Facts(newest, Optional.empty(), Optional.of(PROJECT), List.of(ASKER),
                ASKER, recorded.at(), THREAD_URL);
        SlackMessage parent = parents.parent(newest, new Authors(Optional.of(PROJECT), ASKER, ASKER),
                Optional.empty(), Optional.of(recorded));
        return new Decision(facts, parent);
    }

    /**
     * The asker said Django, two teammates re-answered Flask, and a fourth person recorded it. As in
     * {@code DecisionRecorder}, the record's recommendation is the team's combined answers, which it argues for.
     */
    private Decision team() {
        Map<String, String> flask = SlackPayloads.answers(Map.of("admin_ui", "no", "auth", "no", "api_only", "yes",
                "team_experience", "over_5_years", "outlook", "keep_small"));
        TeamTally tally = TeamTally.of(BANK, SCORER, List.of(SlackPayloads.djangoAnswers(), flask, flask));
        Optional<String> project = Optional.of("R&D <billing> portal");
        var recorded = new ParentRenderer.Recorded(RECORDER, RECORDED_AT);
        var facts = new DecisionRecordRenderer.Facts(tally.combined(), Optional.of(tally), project,
                List.of(ASKER, SECOND, THIRD), RECORDER, recorded.at(), THREAD_URL);
        SlackMessage parent = parents.parent(score(flask), new Authors(project, ASKER, THIRD), Optional.of(tally),
                Optional.of(recorded));
        return new Decision(facts, parent);
    }

    private static Recommendation score(Map<String, String> answers) {
        return SCORER.score(BANK.answers(answers));
    }

    /** An option; one that takes a side counts as the criterion named after its question and id. */
    private static Option option(String question, String id, String text, Lean lean, FastApiSignal fastApi,
                                 String why, Citation... citations) {
        return new Option(id, text, lean, Optional.of(question + "." + id).filter(c -> lean != Lean.NONE), fastApi,
                why, List.of(citations));
    }
}
