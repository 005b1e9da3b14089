package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.SlackIds;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a person typed is shown as typed: in mrkdwn, {@code & < >} are escaped so a project name can never ping
 * the channel or forge a link. In the message metadata, which is data and never rendered, it stays raw.
 */
class EscapingTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HOSTILE_PROJECT = "<!channel> & <https://evil.example|click> @here";
    /** A parent message the test pretends is in Slack: nothing posts it, so its ts is the test's own. */
    private static final String PRETEND_PARENT_TS = "1700000000.000101";
    private static final String ESCAPED_PROJECT = "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; @here";

    @Test
    void a_hostile_project_name_is_escaped_in_the_posted_messages() {
        HttpResponse<String> ack = submit(SlackPayloads.newDecisionMetadata(CHANNEL));

        assertEquals(200, ack.statusCode(), ack.body());
        List<FakeSlackApi.Call> posts = app.slack.await("chat.postMessage", 2, WAIT);
        FakeSlackApi.Call parent = posts.get(0);
        assertTrue(renderedText(parent).contains("*Project:* " + ESCAPED_PROJECT), renderedText(parent));
        assertTrue(parent.param("text").contains(ESCAPED_PROJECT), parent.param("text"));
        for (FakeSlackApi.Call post : posts) {
            assertRenderedSafely(renderedText(post));
            assertNotEquals("true", post.param("link_names"), "bare @here must not be turned into a mention");
        }
    }

    @Test
    void the_metadata_keeps_the_project_name_raw_because_it_is_data() {
        submit(SlackPayloads.newDecisionMetadata(CHANNEL));

        FakeSlackApi.Call parent = app.slack.await("chat.postMessage", 2, WAIT).get(0);

        JsonNode payload = parent.json("metadata").path("event_payload");
        assertEquals(HOSTILE_PROJECT, payload.path("project").asText());
    }

    @Test
    void the_reanswer_button_carries_the_raw_name_and_the_modal_prefills_it_as_plain_text() {
        submit(SlackPayloads.newDecisionMetadata(CHANNEL));
        FakeSlackApi.Call parent = app.slack.await("chat.postMessage", 2, WAIT).get(0);
        String parentTs = app.slack.answerTo(parent).path("ts").asText();
        String buttonValue = reanswerButton(parent.json("blocks")).path("value").asText();

        app.postPayload(SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, parentTs, buttonValue));

        JsonNode view = app.slack.await("views.open", 1, WAIT).get(0).json("view");
        JsonNode project = block(view.path("blocks"), "project").path("element");
        assertEquals("plain_text_input", project.path("type").asText());
        assertEquals(HOSTILE_PROJECT, project.path("initial_value").asText(), "plain text shows what was typed");
    }

    @Test
    void a_revision_and_the_updated_parent_escape_the_project_name_too() {
        String revision = ModalMetadata.revision(CHANNEL, PRETEND_PARENT_TS, PRETEND_PARENT_TS, ASKER,
                Map.of("admin_ui", "no")).toJson(new ObjectMapper());

        submit(revision);

        FakeSlackApi.Call reply = app.slack.await("chat.postMessage", 1, WAIT).get(0);
        FakeSlackApi.Call update = app.slack.await("chat.update", 1, WAIT).get(0);
        assertRenderedSafely(renderedText(reply));
        assertRenderedSafely(renderedText(update));
        assertTrue(renderedText(update).contains("*Project:* " + ESCAPED_PROJECT), renderedText(update));
        assertEquals(HOSTILE_PROJECT, update.json("metadata").path("event_payload").path("project").asText());
    }

    private HttpResponse<String> submit(String privateMetadata) {
        Map<String, String> answers = SlackPayloads.djangoAnswers();
        return app.postPayload(SlackPayloads.viewSubmission(ASKER, privateMetadata, answers, HOSTILE_PROJECT));
    }

    /**
     * Everything Slack renders from a posted message: its notification {@code text} and the text of every text
     * object in its blocks. Button values and metadata are data, never rendered, so they are left out.
     */
    private static String renderedText(FakeSlackApi.Call post) {
        StringBuilder rendered = new StringBuilder(post.param("text"));
        collectTexts(post.json("blocks"), rendered);
        return rendered.toString();
    }

    private static void collectTexts(JsonNode node, StringBuilder into) {
        String type = node.path("type").asText();
        if ((type.equals("mrkdwn") || type.equals("plain_text")) && node.path("text").isTextual()) {
            into.append('\n').append(node.path("text").asText());
        }
        for (JsonNode child : node) {
            collectTexts(child, into);
        }
    }

    /** Raw mrkdwn controls from the user's text would ping or forge a link; ids we built ourselves are fine. */
    private static void assertRenderedSafely(String mrkdwn) {
        assertFalse(mrkdwn.contains("<!channel"), "raw <!channel> would ping everyone: " + mrkdwn);
        assertFalse(mrkdwn.contains("<!here"), "raw <!here> would ping everyone: " + mrkdwn);
        assertFalse(mrkdwn.contains("<https://evil"), "raw <https://evil… would forge a link: " + mrkdwn);
    }

    private static JsonNode reanswerButton(JsonNode blocks) {
        for (JsonNode element : block(blocks, "decision_actions").path("elements")) {
            if (SlackIds.REANSWER.equals(element.path("action_id").asText())) {
                return element;
            }
        }
        throw new AssertionError("no Re-answer button in " + blocks);
    }

    private static JsonNode block(JsonNode blocks, String blockId) {
        for (JsonNode block : blocks) {
            if (blockId.equals(block.path("block_id").asText())) {
                return block;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + blocks);
    }
}
