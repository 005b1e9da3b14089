package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.frameworkadvisor.store.ThreadKey;
import com.frameworkadvisor.support.AppUnderTest;
import com.frameworkadvisor.support.BlockKitLimits;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.Waits;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Record decision" and "Reopen", through the real app over HTTP against the fake Slack Web API (the record itself:
 * {@code DecisionRecordRendererTest}).
 */
class RecordDecisionTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECOND = "U0SECOND";
    private static final String THIRD = "U0THIRD3";
    private static final String RECORDER = "U0RECORDER";
    private static final String BYSTANDER = "U0BYSTANDER";
    private static final String PROJECT = "Customer portal";

    @Test
    void record_decision_posts_the_record_in_the_thread_and_marks_the_parent_decided() {
        DecisionThread thread = decisionWithTwoReanswers();
        JsonNode current = thread.currentParentBlocks();
        String recordValue = button(current, "record_decision").path("value").asText();
        assertEquals(button(current, "reanswer").path("value").asText(), recordValue,
                "Record decision carries the same value as Re-answer");

        HttpResponse<String> ack = app.postPayload(SlackPayloads.recordClick(RECORDER, CHANNEL, thread.parentTs(),
                recordValue));

        assertEquals(200, ack.statusCode(), ack.body());
        FakeSlackApi.Call record = app.slack.await("chat.postMessage", c -> c.param("blocks").contains(
                "Decision record"), 1, WAIT).get(0);
        assertEquals(CHANNEL, record.param("channel"));
        assertEquals(thread.parentTs(), record.param("thread_ts"), "the record is posted in the decision's thread");
        String blocks = record.json("blocks").toString();
        for (String expected : List.of("# Use Flask for " + PROJECT, "## Context", "## Decision", "## Reasons",
                "## Points of disagreement", "## Sources", "Recorded by (Slack user id): " + RECORDER,
                "Deciders (Slack user ids): " + ASKER + ", " + SECOND + ", " + THIRD, "reliasoftware.com",
                "https://test.slack.com/archives/" + CHANNEL + "/p" + thread.parentTs().replace(".", ""))) {
            assertTrue(blocks.contains(expected), "the record has " + expected + ": " + blocks);
        }
        assertTrue(blocks.contains("” [1]"), "reasons quote the articles with numbered citations: " + blocks);
        assertEquals(List.of(), BlockKitLimits.messageProblems(record.param("text"), record.json("blocks")));

        FakeSlackApi.Call update = app.slack.await("chat.update", 3, WAIT).get(2);
        assertEquals(CHANNEL, update.param("channel"));
        assertEquals(thread.parentTs(), update.param("ts"), "the parent itself is updated");
        assertTrue(update.param("text").startsWith("Decided: Flask"), update.param("text"));
        JsonNode parentBlocks = update.json("blocks");
        assertTrue(parentBlocks.toString().contains("*Decided: Flask*, recorded by <@" + RECORDER + ">"),
                parentBlocks.toString());
        List<String> actions = parentBlocks.findValuesAsText("action_id");
        assertFalse(actions.contains("reanswer"), "Re-answer is gone: " + actions);
        assertFalse(actions.contains("record_decision"), "Record decision is gone: " + actions);
        assertTrue(actions.contains("reopen_decision"), "Reopen is offered: " + actions);
        JsonNode payload = update.json("metadata").path("event_payload");
        assertEquals(RECORDER, payload.path("recorded").path("by").asText(), payload.toString());
        assertFalse(payload.path("recorded").path("at").asText().isEmpty(), payload.toString());
        assertEquals(3, payload.path("team").path("people").asInt(), payload.toString());
        assertEquals("flask", payload.path("team").path("recommendation").asText(), payload.toString());
        assertEquals(List.of(), BlockKitLimits.messageProblems(update.param("text"), parentBlocks));
    }

    @Test
    void points_of_disagreement_name_each_answer_as_the_modal_offers_it() {
        DecisionThread thread = decisionWithTwoReanswers();

        recordDecision(thread, RECORDER);

        FakeSlackApi.Call record = app.slack.await("chat.postMessage", c -> c.param("blocks").contains(
                "Decision record"), 1, WAIT).get(0);
        String code = record.json("blocks").get(1).path("text").path("text").asText();
        String auth = code.lines().filter(line -> line.startsWith("- Auth: ")).findFirst()
                .orElseThrow(() -> new AssertionError("Auth is not a point of disagreement: " + code));
        // The asker said yes to traditional auth, both teammates said no ("No" in the modal).
        assertTrue(auth.endsWith(" · 2 no"), auth);
    }

    @Test
    void reopen_by_someone_other_than_the_recorder_is_refused_with_an_ephemeral_note() {
        DecisionThread thread = decisionWithTwoReanswers();
        String reopenValue = button(recordDecision(thread, RECORDER), "reopen_decision").path("value").asText();
        int updatesBefore = app.slack.calls("chat.update").size();
        int postsBefore = app.slack.calls("chat.postMessage").size();

        HttpResponse<String> ack = app.postPayload(SlackPayloads.reopenClick(BYSTANDER, CHANNEL, thread.parentTs(),
                reopenValue));

        assertEquals(200, ack.statusCode(), ack.body());
        FakeSlackApi.Call note = app.slack.await("chat.postEphemeral", 1, WAIT).get(0);
        assertEquals(BYSTANDER, note.param("user"));
        assertEquals(CHANNEL, note.param("channel"));
        assertTrue(note.param("text").startsWith("Only <@" + RECORDER + ">"), note.param("text"));
        app.finishPosting();
        assertEquals(updatesBefore, app.slack.calls("chat.update").size(), "the parent was not touched");
        assertEquals(postsBefore, app.slack.calls("chat.postMessage").size(), "nothing was posted in the thread");
    }

    @Test
    void reopen_by_the_recorder_restores_reanswer_and_record_decision_on_the_parent() {
        DecisionThread thread = decisionWithTwoReanswers();
        String reopenValue = button(recordDecision(thread, RECORDER), "reopen_decision").path("value").asText();
        int updatesBefore = app.slack.calls("chat.update").size();

        HttpResponse<String> ack = app.postPayload(SlackPayloads.reopenClick(RECORDER, CHANNEL, thread.parentTs(),
                reopenValue));

        assertEquals(200, ack.statusCode(), ack.body());
        FakeSlackApi.Call update = app.slack.await("chat.update", updatesBefore + 1, WAIT).get(updatesBefore);
        assertEquals(thread.parentTs(), update.param("ts"));
        List<String> actions = update.json("blocks").findValuesAsText("action_id");
        assertTrue(actions.contains("reanswer"), "Re-answer is back: " + actions);
        assertTrue(actions.contains("record_decision"), "Record decision is back: " + actions);
        assertFalse(actions.contains("reopen_decision"), actions.toString());
        assertFalse(update.param("text").startsWith("Decided"), update.param("text"));
        JsonNode payload = update.json("metadata").path("event_payload");
        assertTrue(payload.path("recorded").isMissingNode(), "no longer recorded: " + payload);
        assertEquals(3, payload.path("team").path("people").asInt(), "the team's answers are kept: " + payload);
        FakeSlackApi.Call note = app.slack.await("chat.postMessage", c -> c.param("text").contains("reopened"), 1,
                WAIT).get(0);
        assertEquals(thread.parentTs(), note.param("thread_ts"), "the thread is told it was reopened");
        assertTrue(app.slack.calls("chat.postEphemeral").isEmpty(), "the recorder is not refused");
    }

    @Test
    void record_decision_on_a_headline_reply_posts_the_record_in_that_thread_and_updates_the_headline_reply()
            throws Exception {
        String rootTs = "1690000000.000200";
        app.postPayload(SlackPayloads.messageShortcut(ASKER, CHANNEL, rootTs, null));
        String metadata = app.slack.await("views.open", 1, WAIT).get(0).json("view").path("private_metadata")
                .asText();
        app.postPayload(SlackPayloads.viewSubmission(ASKER, metadata, SlackPayloads.djangoAnswers(), PROJECT));
        FakeSlackApi.Call headline = app.slack.await("chat.postMessage", 2, WAIT).get(0);
        String headlineTs = app.slack.answerTo(headline).path("ts").asText();
        awaitStored(headlineTs);
        String value = button(headline.json("blocks"), "record_decision").path("value").asText();

        app.postPayload(SlackPayloads.buttonClick("record_decision", "Record decision", RECORDER, CHANNEL,
                headlineTs, rootTs, value));

        FakeSlackApi.Call record = app.slack.await("chat.postMessage", c -> c.param("blocks").contains(
                "Decision record"), 1, WAIT).get(0);
        assertEquals(rootTs, record.param("thread_ts"), "the record goes to the thread the headline is in");
        assertTrue(record.param("blocks").contains("# Use Django for " + PROJECT), record.param("blocks"));
        FakeSlackApi.Call update = app.slack.await("chat.update", 1, WAIT).get(0);
        assertEquals(headlineTs, update.param("ts"), "the headline reply is marked decided, not the thread root");
        assertEquals(RECORDER, update.json("metadata").path("event_payload").path("recorded").path("by").asText());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A decision thread: the ts of its parent, and the blocks the parent shows now. */
    private record DecisionThread(String parentTs, FakeSlackApi slack) {
        JsonNode currentParentBlocks() {
            List<FakeSlackApi.Call> updates = slack.calls("chat.update").stream()
                    .filter(c -> parentTs.equals(c.param("ts"))).toList();
            return updates.get(updates.size() - 1).json("blocks");
        }
    }

    /** The asker decides (Django), then two teammates re-answer (Flask each): the team says Flask, 2 to 1. */
    private DecisionThread decisionWithTwoReanswers() {
        HttpResponse<String> ack = app.postPayload(SlackPayloads.viewSubmission(ASKER,
                SlackPayloads.newDecisionMetadata(CHANNEL), SlackPayloads.djangoAnswers(), PROJECT));
        assertEquals(200, ack.statusCode(), ack.body());
        FakeSlackApi.Call parent = app.slack.await("chat.postMessage", 2, WAIT).get(0);
        String parentTs = app.slack.answerTo(parent).path("ts").asText();
        awaitStored(parentTs);
        String value = button(parent.json("blocks"), "reanswer").path("value").asText();
        value = reanswer(SECOND, parentTs, value, SlackPayloads.answers(Map.of("admin_ui", "no", "auth", "no",
                "api_only", "yes", "team_experience", "over_5_years", "outlook", "keep_small")), 1);
        reanswer(THIRD, parentTs, value, SlackPayloads.answers(Map.of("admin_ui", "no", "auth", "no",
                "api_only", "yes", "outlook", "keep_small", "scope_growth", "small_defined")), 2);
        return new DecisionThread(parentTs, app.slack);
    }

    /** Presses Re-answer, submits {@code answers}, waits for the parent's update; returns its new button value. */
    private String reanswer(String user, String parentTs, String buttonValue, Map<String, String> answers,
                            int updates) {
        int opened = app.slack.calls("views.open").size();
        app.postPayload(SlackPayloads.reanswerClick(user, CHANNEL, parentTs, buttonValue));
        JsonNode view = app.slack.await("views.open", opened + 1, WAIT).get(opened).json("view");
        // Slack submits the project name the modal was pre-filled with.
        String project = projectPrefill(view);
        HttpResponse<String> ack = app.postPayload(SlackPayloads.viewSubmission(user,
                view.path("private_metadata").asText(), answers, project));
        assertEquals(200, ack.statusCode(), ack.body());
        FakeSlackApi.Call update = app.slack.await("chat.update", updates, WAIT).get(updates - 1);
        return button(update.json("blocks"), "reanswer").path("value").asText();
    }

    /** Presses Record decision and returns the blocks of the parent as it is updated. */
    private JsonNode recordDecision(DecisionThread thread, String user) {
        int updates = app.slack.calls("chat.update").size();
        String value = button(thread.currentParentBlocks(), "record_decision").path("value").asText();
        app.postPayload(SlackPayloads.recordClick(user, CHANNEL, thread.parentTs(), value));
        app.slack.await("chat.postMessage", c -> c.param("blocks").contains("Decision record"), 1, WAIT);
        return app.slack.await("chat.update", updates + 1, WAIT).get(updates).json("blocks");
    }

    /** Waits, polling the app's store, until the decision of the thread {@code parentTs} is stored. */
    private void awaitStored(String parentTs) {
        ThreadKey key = new ThreadKey(FakeSlackApi.TEAM_ID, CHANNEL, parentTs);
        Waits.atMost(WAIT).untilAsserted(() -> assertTrue(app.store.findDecision(key)
                .flatMap(decision -> app.store.latestAnswers(decision.id(), ASKER)).isPresent(),
                "the decision of thread " + parentTs + " is stored with the asker's answers"));
    }

    private static String projectPrefill(JsonNode view) {
        for (JsonNode block : view.path("blocks")) {
            if ("project".equals(block.path("block_id").asText())) {
                JsonNode value = block.path("element").path("initial_value");
                return value.isMissingNode() ? null : value.asText();
            }
        }
        throw new AssertionError("the modal has no project block: " + view);
    }
}
