package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.store.DecisionHistory;
import com.frameworkadvisor.support.AppUnderTest;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.BlockTrees.button;
import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The App Home tab, through the real app over HTTP against the fake Slack Web API: {@code app_home_opened} is
 * acked at once and answered with a {@code views.publish} of a Home view within Slack's limits.
 */
class AppHomeTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";
    private static final String DM = "D0DMASKER1";
    private static final String OTHER_USER = "U0OTHER01";
    private static final int HOME_BLOCKS = 100;
    private static final int SECTION_TEXT = 3000;
    private static final int HEADER_TEXT = 150;

    @Test
    void app_home_opened_is_acked_before_the_home_view_is_published() {
        // Slack answers views.publish slowly: an ack that waited for it would arrive after the publish's answer.
        app.slack.delayNext("views.publish", 2000);

        HttpResponse<String> ack = app.requests.post(SlackPayloads.appHomeOpened(ASKER, DM, "Ev0HOME0001"), JSON);

        assertEquals(200, ack.statusCode(), ack.body());
        assertTrue(app.slack.calls("views.publish").stream().noneMatch(app.slack::answeredOk),
                "the event was acked only after views.publish was answered");
        FakeSlackApi.Call publish = app.slack.await("views.publish", app.slack::answeredOk, 1, WAIT).get(0);
        assertEquals(ASKER, publish.param("user_id"));
    }

    @Test
    void home_view_explains_the_bot_links_the_articles_and_offers_a_new_decision_within_slack_limits() {
        HttpResponse<String> ack = app.requests.post(SlackPayloads.appHomeOpened(ASKER, DM, "Ev0HOME0002"), JSON);

        assertEquals(200, ack.statusCode(), ack.body());
        FakeSlackApi.Call publish = app.slack.await("views.publish", 1, WAIT).get(0);
        assertEquals(ASKER, publish.param("user_id"), "published for the user who opened the tab");
        JsonNode view = publish.json("view");
        assertEquals("home", view.path("type").asText());
        assertEquals(List.of(), homeProblems(view), "the Home view breaks Slack's limits");
        String blocks = view.path("blocks").toString();
        assertTrue(blocks.contains("reliasoftware.com"), "links the articles the advice comes from: " + blocks);
        assertTrue(blocks.contains("/framework"), "says how to start from a channel: " + blocks);
        JsonNode button = button(view.path("blocks"), "home_new_decision");
        assertEquals(DM, button.path("value").asText(), "the button carries the DM channel to post in");
        assertTrue(recentDecisions(view).contains("None yet"), recentDecisions(view));
    }

    @Test
    void home_lists_the_user_decision_with_a_link_to_its_thread() {
        app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                SlackPayloads.djangoAnswers(), "Customer portal"));
        FakeSlackApi.Call parent = app.slack.await("chat.postMessage", 2, WAIT).get(0);
        String parentTs = app.slack.answerTo(parent).path("ts").asText();
        awaitStoredDecisions(ASKER, 1);

        app.requests.post(SlackPayloads.appHomeOpened(ASKER, DM, "Ev0HOME0003"), JSON);

        JsonNode view = app.slack.await("views.publish", 1, WAIT).get(0).json("view");
        assertEquals(List.of(), homeProblems(view));
        String recent = recentDecisions(view);
        assertTrue(recent.contains("Customer portal"), recent);
        assertTrue(recent.contains("*Django*"), recent);
        assertTrue(recent.contains("/archives/" + CHANNEL + "/p" + parentTs.replace(".", "") + "|open thread>"),
                "links the decision's thread (parent ts " + parentTs + "): " + recent);
    }

    @Test
    void home_of_someone_who_took_no_part_does_not_list_other_people_decisions() {
        app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                SlackPayloads.djangoAnswers(), "Customer portal"));
        app.slack.await("chat.postMessage", 2, WAIT);
        awaitStoredDecisions(ASKER, 1);

        app.requests.post(SlackPayloads.appHomeOpened(OTHER_USER, "D0DMOTHER1", "Ev0HOME0004"), JSON);

        FakeSlackApi.Call publish = app.slack.await("views.publish", 1, WAIT).get(0);
        assertEquals(OTHER_USER, publish.param("user_id"));
        String recent = recentDecisions(publish.json("view"));
        assertFalse(recent.contains("Customer portal"), recent);
        assertTrue(recent.contains("None yet"), recent);
    }

    @Test
    void a_redelivered_app_home_opened_event_is_acked_and_publishes_nothing_more() {
        String event = SlackPayloads.appHomeOpened(ASKER, DM, "Ev0HOME0005");
        app.requests.post(event, JSON);
        app.slack.await("views.publish", 1, WAIT);

        Map<String, String> headers = new HashMap<>(app.requests.signedHeaders(event));
        headers.put("X-Slack-Retry-Num", "1");
        headers.put("X-Slack-Retry-Reason", "http_timeout");
        HttpResponse<String> redelivery = app.requests.send(event, JSON, headers);

        assertEquals(200, redelivery.statusCode(), redelivery.body());
        app.finishPosting();
        assertEquals(1, app.slack.calls("views.publish").size(), "calls: " + app.slack.methods());
    }

    @Test
    void start_a_new_decision_opens_the_modal_aimed_at_the_dm_channel_from_the_button() throws Exception {
        app.requests.post(SlackPayloads.appHomeOpened(ASKER, DM, "Ev0HOME0006"), JSON);
        JsonNode home = app.slack.await("views.publish", 1, WAIT).get(0).json("view");
        String buttonValue = button(home.path("blocks"), "home_new_decision").path("value").asText();

        HttpResponse<String> click = app.postPayload(SlackPayloads.homeNewDecisionClick(ASKER, buttonValue));

        assertEquals(200, click.statusCode(), click.body());
        JsonNode modal = app.slack.await("views.open", 1, WAIT).get(0).json("view");
        assertEquals("framework_decision", modal.path("callback_id").asText());
        JsonNode metadata = MAPPER.readTree(modal.path("private_metadata").asText());
        assertEquals(DM, metadata.path("channel").asText(), "private_metadata: " + metadata);
        assertTrue(metadata.path("thread_ts").isMissingNode(), "a new decision at the top of the DM: " + metadata);
        assertTrue(app.slack.calls("conversations.open").isEmpty(), "the DM channel came with the button");

        app.postPayload(SlackPayloads.viewSubmission(ASKER, modal.path("private_metadata").asText(),
                SlackPayloads.djangoAnswers(), null));
        FakeSlackApi.Call parent = app.slack.await("chat.postMessage", 1, WAIT).get(0);
        assertEquals(DM, parent.param("channel"), "the result is posted in the DM");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Waits, polling the app's store, until {@code user} has {@code count} decisions (the store is written last). */
    private void awaitStoredDecisions(String user, int count) {
        Waits.atMost(WAIT).untilAsserted(() -> {
            List<DecisionHistory> recent = app.store.recentForUser(FakeSlackApi.TEAM_ID, user, 10);
            assertTrue(recent.size() >= count, "expected " + count + " stored decisions of " + user + ", got "
                    + recent.size());
        });
    }

    /** The text of the "Your recent decisions" section. */
    private static String recentDecisions(JsonNode view) {
        for (JsonNode block : view.path("blocks")) {
            String text = block.path("text").path("text").asText();
            if (text.startsWith("*Your recent decisions*")) {
                return text;
            }
        }
        throw new AssertionError("no recent decisions section in " + view.path("blocks"));
    }

    /** Every limit of a Home view the view breaks, named by where it is; empty when Slack would accept it. */
    private static List<String> homeProblems(JsonNode view) {
        List<String> problems = new ArrayList<>();
        JsonNode blocks = view.path("blocks");
        if (blocks.isEmpty() || blocks.size() > HOME_BLOCKS) {
            problems.add(blocks.size() + " blocks; Slack allows 1 to " + HOME_BLOCKS);
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String where = "blocks[" + i + "] (" + block.path("type").asText() + ")";
            String text = block.path("text").path("text").asText();
            switch (block.path("type").asText()) {
                case "header" -> {
                    if (text.isEmpty() || text.length() > HEADER_TEXT) {
                        problems.add(where + " text is " + text.length() + " characters; Slack allows 1 to "
                                + HEADER_TEXT);
                    }
                }
                case "section" -> {
                    if (text.isEmpty() || text.length() > SECTION_TEXT) {
                        problems.add(where + " text is " + text.length() + " characters; Slack allows 1 to "
                                + SECTION_TEXT);
                    }
                }
                case "actions" -> {
                    for (JsonNode element : block.path("elements")) {
                        if (element.path("value").asText().isEmpty()) {
                            problems.add(where + " button " + element.path("action_id").asText() + " has no value");
                        }
                    }
                }
                case "divider", "context" -> {
                }
                default -> problems.add(where + " is not a block type the Home view is expected to use");
            }
        }
        return problems;
    }
}
