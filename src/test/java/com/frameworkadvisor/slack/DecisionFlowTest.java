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

import static com.frameworkadvisor.support.BlockTrees.block;
import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ask → decide → re-answer, through the real app over HTTP against the fake Slack Web API. */
class DecisionFlowTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void slash_command_opens_the_modal_with_every_question_and_the_project_prefilled() throws Exception {
        HttpResponse<String> response = app.post(SlackPayloads.slashCommand("Customer portal"));

        assertEquals(200, response.statusCode());
        FakeSlackApi.Call open = app.slack.await("views.open", 1, WAIT).get(0);
        JsonNode view = open.json("view");
        assertEquals("framework_decision", view.path("callback_id").asText());
        JsonNode blocks = view.path("blocks");
        assertEquals(TestApp.bank().questions().stream().map(q -> q.id()).toList(), BlockTrees.askedQuestions(view),
                "the modal asks every question, in order");
        JsonNode project = block(blocks, "project");
        assertEquals("Customer portal", project.path("element").path("initial_value").asText());
        assertEquals(CHANNEL, MAPPER.readTree(view.path("private_metadata").asText()).path("channel").asText());
    }

    @Test
    void help_answers_with_usage_and_opens_nothing() {
        HttpResponse<String> response = app.post(SlackPayloads.slashCommand("help"));

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Re-answer"), response.body());
        assertTrue(app.slack.calls("views.open").isEmpty());
    }

    @Test
    void submitting_answers_posts_recommendation_and_cited_thread_reply() throws Exception {
        String metadata = "{\"channel\":\"" + CHANNEL + "\"}";

        HttpResponse<String> ack = app.postPayload(
                SlackPayloads.viewSubmission(ASKER, metadata, SlackPayloads.djangoAnswers(), "Customer portal"));

        assertEquals(200, ack.statusCode());
        assertTrue(ack.body().isEmpty(), "a plain ack closes the modal: " + ack.body());
        List<FakeSlackApi.Call> posts = app.slack.await("chat.postMessage", 2, WAIT);
        FakeSlackApi.Call parent = posts.get(0);
        FakeSlackApi.Call reply = posts.get(1);
        assertEquals(CHANNEL, parent.param("channel"));
        assertEquals(null, parent.param("thread_ts"));
        assertTrue(parent.param("text").contains("Django"), parent.param("text"));
        JsonNode metadataSent = parent.json("metadata");
        assertEquals("framework_recommendation", metadataSent.path("event_type").asText());
        JsonNode payload = metadataSent.path("event_payload");
        assertEquals("django", payload.path("recommendation").asText());
        assertEquals(5, payload.path("scores").path("django").asInt());
        assertEquals(0, payload.path("scores").path("flask").asInt());
        assertEquals("strong", payload.path("confidence").asText());
        assertFalse(payload.path("consider_fastapi").asBoolean());
        assertEquals("yes", payload.path("answers").path("admin_ui").asText());

        assertEquals(CHANNEL, reply.param("channel"));
        assertFalse(reply.param("thread_ts").isEmpty());
        String replyBlocks = reply.param("blocks");
        assertTrue(replyBlocks.contains("reliasoftware.com"), "sources are linked");
        assertTrue(replyBlocks.contains("[1]"), "citations are numbered");
        assertEquals("framework_recommendation", reply.json("metadata").path("event_type").asText());
    }

    @Test
    void reanswer_opens_prefilled_modal_then_posts_in_thread_and_updates_parent() throws Exception {
        app.postPayload(SlackPayloads.viewSubmission(ASKER, "{\"channel\":\"" + CHANNEL + "\"}",
                SlackPayloads.djangoAnswers(), null));
        FakeSlackApi.Call parent = app.slack.await("chat.postMessage", 2, WAIT).get(0);
        String parentTs = app.slack.answerTo(parent).path("ts").asText();
        JsonNode button = block(parent.json("blocks"), "decision_actions").path("elements").get(0);

        app.postPayload(SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, parentTs, button.path("value").asText()));

        JsonNode view = app.slack.await("views.open", 1, WAIT).get(0).json("view");
        JsonNode adminUi = block(view.path("blocks"), "admin_ui");
        assertEquals("yes", adminUi.path("element").path("initial_option").path("value").asText());

        Map<String, String> revised = SlackPayloads.djangoAnswers();
        revised.put("admin_ui", "no");
        revised.put("auth", "no");
        revised.put("api_only", "yes");
        revised.put("team_experience", "over_5_years");
        revised.put("outlook", "keep_small");
        app.postPayload(SlackPayloads.viewSubmission("U0TEAMMATE", view.path("private_metadata").asText(), revised,
                null));

        FakeSlackApi.Call revision = app.slack.await("chat.postMessage", 3, WAIT).get(2);
        assertEquals(parentTs, revision.param("thread_ts"));
        assertTrue(revision.param("blocks").contains("flipped from *Django* to *Flask*"), revision.param("blocks"));
        assertTrue(revision.param("blocks").contains("<@U0TEAMMATE> revised the answers"));
        FakeSlackApi.Call update = app.slack.await("chat.update", 1, WAIT).get(0);
        assertEquals(parentTs, update.param("ts"));
        assertEquals("flask", update.json("metadata").path("event_payload").path("recommendation").asText());
    }
}
