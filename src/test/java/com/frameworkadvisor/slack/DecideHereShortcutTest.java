package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.support.AppUnderTest;
import com.frameworkadvisor.support.BlockTrees;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.BlockTrees.button;
import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "Decide Django vs Flask" message shortcut, through the real app over HTTP against the fake Slack Web API:
 * the same modal opens, and the answer lands in the thread of the message it was used on.
 */
class DecideHereShortcutTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A message people wrote in the channel before anyone asked the bot; not one the fake Slack API posted. */
    private static final String DISCUSSION_TS = "1690000000.000200";
    /** A reply inside that message's thread. */
    private static final String REPLY_TS = "1690000050.000300";
    private static final String TEAMMATE = "U0TEAMMATE";

    @Test
    void shortcut_on_a_top_level_message_opens_the_decision_modal_aimed_at_that_message_thread() throws Exception {
        HttpResponse<String> ack = app.postPayload(SlackPayloads.messageShortcut(ASKER, CHANNEL, DISCUSSION_TS,
                null));

        assertEquals(200, ack.statusCode(), ack.body());
        JsonNode view = app.slack.await("views.open", 1, WAIT).get(0).json("view");
        assertEquals("framework_decision", view.path("callback_id").asText());
        JsonNode metadata = MAPPER.readTree(view.path("private_metadata").asText());
        assertEquals(CHANNEL, metadata.path("channel").asText());
        assertEquals(DISCUSSION_TS, metadata.path("thread_ts").asText(), "private_metadata: " + metadata);
        assertTrue(metadata.path("parent_ts").isMissingNode(), "a new decision, not a revision: " + metadata);
        assertEquals(TestApp.bank().questions().stream().map(q -> q.id()).toList(), BlockTrees.askedQuestions(view),
                "the same questions as the slash command");
    }

    @Test
    void submitting_from_the_shortcut_posts_headline_and_explanation_as_replies_in_that_thread() throws Exception {
        String metadata = openShortcutModal(SlackPayloads.messageShortcut(ASKER, CHANNEL, DISCUSSION_TS, null));

        HttpResponse<String> ack = app.postPayload(SlackPayloads.viewSubmission(ASKER, metadata,
                SlackPayloads.djangoAnswers(), "Customer portal"));

        assertEquals(200, ack.statusCode(), ack.body());
        assertTrue(ack.body().isEmpty(), "a plain ack closes the modal: " + ack.body());
        List<FakeSlackApi.Call> posts = app.slack.await("chat.postMessage", 2, WAIT);
        FakeSlackApi.Call headline = posts.get(0);
        FakeSlackApi.Call explanation = posts.get(1);
        assertEquals(CHANNEL, headline.param("channel"));
        assertEquals(DISCUSSION_TS, headline.param("thread_ts"), "the headline is the first reply in the thread");
        assertTrue(headline.param("text").contains("Django"), headline.param("text"));
        assertEquals("framework_recommendation", headline.json("metadata").path("event_type").asText());
        assertTrue(actionIds(headline.json("blocks")).contains("reanswer"), "the headline keeps Re-answer");
        assertEquals(CHANNEL, explanation.param("channel"));
        assertEquals(DISCUSSION_TS, explanation.param("thread_ts"),
                "the explanation goes to the same thread, not under the headline reply");
        assertTrue(explanation.param("blocks").contains("reliasoftware.com"), "the explanation cites the articles");
    }

    @Test
    void shortcut_on_a_reply_decides_in_the_thread_the_reply_belongs_to() throws Exception {
        String metadata = openShortcutModal(SlackPayloads.messageShortcut(ASKER, CHANNEL, REPLY_TS, DISCUSSION_TS));

        assertEquals(DISCUSSION_TS, MAPPER.readTree(metadata).path("thread_ts").asText(),
                "a reply has no thread of its own: the modal aims at its thread");
        app.postPayload(SlackPayloads.viewSubmission(ASKER, metadata, SlackPayloads.djangoAnswers(), null));

        List<FakeSlackApi.Call> posts = app.slack.await("chat.postMessage", 2, WAIT);
        assertEquals(DISCUSSION_TS, posts.get(0).param("thread_ts"), "headline");
        assertEquals(DISCUSSION_TS, posts.get(1).param("thread_ts"), "explanation");
        assertFalse(posts.stream().anyMatch(c -> REPLY_TS.equals(c.param("thread_ts"))),
                "nothing is posted under the reply's ts, which is not a thread");
    }

    @Test
    void reanswer_on_a_headline_reply_posts_the_revision_in_that_thread_and_updates_the_headline_reply()
            throws Exception {
        String metadata = openShortcutModal(SlackPayloads.messageShortcut(ASKER, CHANNEL, DISCUSSION_TS, null));
        app.postPayload(SlackPayloads.viewSubmission(ASKER, metadata, SlackPayloads.djangoAnswers(),
                "Customer portal"));
        FakeSlackApi.Call headline = app.slack.await("chat.postMessage", 2, WAIT).get(0);
        String headlineTs = app.slack.answerTo(headline).path("ts").asText();
        assertNotEquals(DISCUSSION_TS, headlineTs);
        String buttonValue = button(headline.json("blocks"), "reanswer").path("value").asText();

        HttpResponse<String> click = app.postPayload(SlackPayloads.reanswerClickInThread(TEAMMATE, CHANNEL,
                headlineTs, DISCUSSION_TS, buttonValue));
        assertEquals(200, click.statusCode(), click.body());
        JsonNode view = app.slack.await("views.open", 2, WAIT).get(1).json("view");
        JsonNode revisionTarget = MAPPER.readTree(view.path("private_metadata").asText());
        assertEquals(DISCUSSION_TS, revisionTarget.path("thread_ts").asText(), "replies go to the thread");
        assertEquals(headlineTs, revisionTarget.path("parent_ts").asText(), "the headline reply is updated");
        app.postPayload(SlackPayloads.viewSubmission(TEAMMATE, view.path("private_metadata").asText(),
                flaskAnswers(), null));

        FakeSlackApi.Call revision = app.slack.await("chat.postMessage", 3, WAIT).get(2);
        assertEquals(CHANNEL, revision.param("channel"));
        assertEquals(DISCUSSION_TS, revision.param("thread_ts"), "the revision is posted in the same thread");
        assertTrue(revision.param("blocks").contains("<@" + TEAMMATE + "> revised the answers"),
                revision.param("blocks"));
        FakeSlackApi.Call update = app.slack.await("chat.update", 1, WAIT).get(0);
        assertEquals(CHANNEL, update.param("channel"));
        assertEquals(headlineTs, update.param("ts"), "chat.update targets the headline reply, not the thread root");
        assertTrue(app.slack.calls("chat.update").stream().noneMatch(c -> DISCUSSION_TS.equals(c.param("ts"))),
                "the people's own message at the thread root is never edited");
        JsonNode updated = update.json("metadata").path("event_payload");
        assertEquals(ASKER, updated.path("asked_by").asText());
        assertEquals(TEAMMATE, updated.path("answered_by").asText());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Uses the shortcut and returns the private_metadata of the modal it opens. */
    private String openShortcutModal(JsonNode shortcut) {
        int before = app.slack.calls("views.open").size();
        HttpResponse<String> ack = app.postPayload(shortcut);
        assertEquals(200, ack.statusCode(), ack.body());
        return app.slack.await("views.open", before + 1, WAIT).get(before).json("view").path("private_metadata")
                .asText();
    }

    /** Flask 3 – Django 0. */
    private static Map<String, String> flaskAnswers() {
        return SlackPayloads.answers(Map.of("admin_ui", "no", "auth", "no", "api_only", "yes",
                "team_experience", "over_5_years", "outlook", "keep_small"));
    }

    private static List<String> actionIds(JsonNode blocks) {
        return blocks.findValuesAsText("action_id");
    }
}
