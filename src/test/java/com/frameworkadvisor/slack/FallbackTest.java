package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.support.AppUnderTest;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SlackPayloads;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recommendation that cannot be posted where it was asked for is never lost: the user is told why (an ephemeral
 * note where Slack allows one) and gets the whole recommendation, parent and cited thread reply, as a DM.
 */
class FallbackTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The fake's DM channel with a user is "D" + the user id, like Slack's conversations.open answer. */
    private static final String DM = "D" + ASKER;
    /** A parent message the test pretends is in Slack: nothing posts it, so its ts is the test's own. */
    private static final String PRETEND_PARENT_TS = "1700000000.000101";

    @Test
    void not_in_channel_explains_how_to_invite_the_bot_and_sends_the_recommendation_as_a_dm() {
        app.slack.denyChannel(CHANNEL, "not_in_channel");

        HttpResponse<String> ack = submit();

        assertEquals(200, ack.statusCode(), ack.body());
        List<FakeSlackApi.Call> dm = awaitDirectMessages();
        FakeSlackApi.Call note = single("chat.postEphemeral");
        assertEquals(CHANNEL, note.param("channel"));
        assertEquals(ASKER, note.param("user"));
        assertTrue(note.param("text").contains("/invite"), note.param("text"));
        assertTrue(note.param("text").contains("direct message"), note.param("text"));
        assertFullRecommendationIn(dm, "/invite");
        assertNothingPostedTwice();
    }

    @Test
    void channel_not_found_still_delivers_the_dm_and_its_first_block_explains() {
        // A private channel without the bot, or a DM between two other people: Slack refuses even the ephemeral.
        app.slack.denyChannel(CHANNEL, "channel_not_found");

        HttpResponse<String> ack = submit();

        assertEquals(200, ack.statusCode(), ack.body());
        List<FakeSlackApi.Call> dm = awaitDirectMessages();
        assertFullRecommendationIn(dm, "/invite");
        assertNothingPostedTwice();
    }

    @Test
    void an_archived_channel_is_explained_and_the_recommendation_sent_as_a_dm() {
        app.slack.denyChannel(CHANNEL, "is_archived");

        HttpResponse<String> ack = submit();

        assertEquals(200, ack.statusCode(), ack.body());
        List<FakeSlackApi.Call> dm = awaitDirectMessages();
        FakeSlackApi.Call note = single("chat.postEphemeral");
        assertEquals(CHANNEL, note.param("channel"));
        assertTrue(note.param("text").contains("archived"), note.param("text"));
        assertFullRecommendationIn(dm, "archived");
        assertNothingPostedTwice();
    }

    @Test
    void a_reanswer_in_a_channel_the_bot_has_left_reaches_the_reviser_as_a_dm() {
        app.slack.denyChannel(CHANNEL, "not_in_channel");
        String metadata = ModalMetadata.revision(CHANNEL, PRETEND_PARENT_TS, PRETEND_PARENT_TS, "U0OTHER1",
                Map.of("admin_ui", "no")).toJson(new ObjectMapper());

        HttpResponse<String> ack = app.postPayload(SlackPayloads.viewSubmission(ASKER, metadata,
                SlackPayloads.djangoAnswers(), null));

        assertEquals(200, ack.statusCode(), ack.body());
        List<FakeSlackApi.Call> dm = awaitDirectMessages();
        assertTrue(single("chat.postEphemeral").param("text").contains("/invite"));
        assertFullRecommendationIn(dm, "/invite");
        app.finishPosting();
        assertTrue(app.slack.calls("chat.update").stream().noneMatch(c -> DM.equals(c.param("channel"))),
                "a parent in the channel is never 'updated' in the DM: " + app.slack.methods());
    }

    private HttpResponse<String> submit() {
        return app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                SlackPayloads.djangoAnswers(), "Customer portal"));
    }

    private List<FakeSlackApi.Call> awaitDirectMessages() {
        return app.slack.await("chat.postMessage", c -> DM.equals(c.param("channel")), 2, WAIT);
    }

    /** The DM holds the parent (headline, note first, metadata) and the cited reply in its thread. */
    private void assertFullRecommendationIn(List<FakeSlackApi.Call> dm, String noteSays) {
        FakeSlackApi.Call open = single("conversations.open");
        assertEquals(ASKER, open.param("users"));
        FakeSlackApi.Call parent = dm.get(0);
        FakeSlackApi.Call reply = dm.get(1);
        assertNull(parent.param("thread_ts"), "the parent starts its own thread in the DM");
        JsonNode firstBlock = parent.json("blocks").get(0);
        assertTrue(firstBlock.toString().contains(noteSays), "the first block explains: " + firstBlock);
        assertTrue(parent.json("blocks").toString().contains("Recommendation: Django"), parent.param("blocks"));
        assertFalse(parent.param("text").isBlank());
        assertEquals("framework_recommendation", parent.json("metadata").path("event_type").asText());
        assertEquals("django", parent.json("metadata").path("event_payload").path("recommendation").asText());

        String parentTs = app.slack.answerTo(parent).path("ts").asText();
        assertFalse(parentTs.isEmpty());
        assertEquals(parentTs, reply.param("thread_ts"), "the reasons are in the DM parent's thread");
        assertTrue(reply.param("blocks").contains("[1]"), "citations are numbered: " + reply.param("blocks"));
        assertEquals("framework_recommendation", reply.json("metadata").path("event_type").asText());
    }

    private void assertNothingPostedTwice() {
        app.finishPosting();
        List<FakeSlackApi.Call> posts = app.slack.calls("chat.postMessage");
        assertEquals(1, posts.stream().filter(c -> CHANNEL.equals(c.param("channel"))).count(),
                "one refused attempt in the channel, no retry of a permanent error: " + app.slack.methods());
        assertEquals(2, posts.stream().filter(c -> DM.equals(c.param("channel"))).count(),
                "parent and reply once each in the DM: " + app.slack.methods());
        assertEquals(3, posts.size(), "no post anywhere else: " + app.slack.methods());
        assertTrue(app.slack.calls("chat.postEphemeral").size() <= 1, "at most one note: " + app.slack.methods());
        assertEquals(1, app.slack.calls("conversations.open").size(), app.slack.methods().toString());
    }

    private FakeSlackApi.Call single(String method) {
        List<FakeSlackApi.Call> calls = app.slack.await(method, 1, WAIT);
        assertEquals(1, calls.size(), "exactly one " + method + ": " + app.slack.methods());
        return calls.get(0);
    }
}
