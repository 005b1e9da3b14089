package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.slack.payload.DecisionButtonValue;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.support.BlockTrees;
import com.frameworkadvisor.support.JsonFixtures;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The parent message of a decision, compared whole with JSON fixtures (src/test/resources/slack/messages/). */
class ParentRendererTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scorer SCORER = new Scorer(BANK);
    private static final String ASKER = SlackPayloads.ASKER;

    private final ParentRenderer parents = new ParentRenderer(JSON);

    @Test
    void a_strong_result_has_the_headline_confidence_score_project_and_both_buttons() {
        SlackMessage parent = parents.parent(score(SlackPayloads.djangoAnswers()),
                new Authors(Optional.of("Customer portal"), ASKER, ASKER));

        JsonFixtures.assertMatches("slack/messages/parent-strong-django.json", tree(parent));
    }

    @Test
    void where_article_004_points_to_fastapi_the_headline_says_so_and_still_gives_django_or_flask() {
        SlackMessage parent = parents.parent(score(Map.of("api_only", "yes", "outlook", "high_throughput_json",
                "team_experience", "over_5_years", "persistence", "none")), new Authors(Optional.empty(), ASKER,
                ASKER));

        JsonFixtures.assertMatches("slack/messages/parent-fastapi.json", tree(parent));
    }

    @Test
    void a_team_parent_shows_the_combined_result_where_people_disagree_and_what_decides_it() {
        Map<String, String> flask = SlackPayloads.answers(Map.of("api_only", "yes", "team_experience", "over_5_years",
                "outlook", "keep_small"));
        TeamTally team = TeamTally.of(BANK, SCORER, List.of(SlackPayloads.djangoAnswers(), flask, flask));

        SlackMessage parent = parents.parent(score(flask), new Authors(Optional.of("Billing"), ASKER, "U0THIRD3"),
                Optional.of(team));

        JsonFixtures.assertMatches("slack/messages/parent-team.json", tree(parent));
    }

    @Test
    void a_recorded_decision_says_who_decided_when_and_offers_only_reopen() {
        SlackMessage parent = parents.parent(score(SlackPayloads.djangoAnswers()),
                new Authors(Optional.empty(), ASKER, ASKER), Optional.empty(),
                Optional.of(new ParentRenderer.Recorded("U0RECORDER", Instant.parse("2026-03-05T23:30:00Z"))));

        JsonFixtures.assertMatches("slack/messages/parent-recorded.json", tree(parent));
    }

    @Test
    void the_buttons_carry_the_answers_project_and_asker_of_their_message() throws Exception {
        Recommendation r = score(SlackPayloads.djangoAnswers());

        SlackMessage parent = parents.parent(r, new Authors(Optional.of("Customer portal"), ASKER, "U0OTHER1"));

        JsonNode reanswer = BlockTrees.button(parent.blocks(), SlackIds.REANSWER);
        DecisionButtonValue value = DecisionButtonValue.parse(JSON, reanswer.path("value").asText());
        assertEquals(new DecisionButtonValue(Optional.of("Customer portal"), ASKER, r.answers().asMap()), value);
        assertEquals(reanswer.path("value"), BlockTrees.button(parent.blocks(), SlackIds.RECORD_DECISION)
                .path("value"), "Record decision carries the same value");
    }

    @Test
    void a_note_for_a_dm_comes_first_and_leads_the_notification_text() {
        SlackMessage parent = parents.parent(score(SlackPayloads.djangoAnswers()),
                new Authors(Optional.empty(), ASKER, ASKER));
        String why = Notices.whyNotPosted("C0PRIVATE", "not_in_channel");

        SlackMessage noted = parents.withNote(parent, why);

        JsonFixtures.assertMatches("slack/messages/parent-dm-note.json", tree(noted));
    }

    private static Recommendation score(Map<String, String> answers) {
        return SCORER.score(BANK.answers(answers));
    }

    static ObjectNode tree(SlackMessage message) {
        ObjectNode tree = JSON.createObjectNode().put("text", message.text());
        tree.set("blocks", message.blocks());
        tree.set("metadata", message.metadata());
        return tree;
    }
}
