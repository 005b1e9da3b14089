package com.frameworkadvisor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.google.gson.Gson;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.util.json.GsonFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionPayloadsTest {
    private static final Gson GSON = GsonFactory.createSnakeCase();
    private final SubmissionPayloads payloads = new SubmissionPayloads();

    @Test
    void a_decision_submission_reads_as_bolt_reads_it_but_for_the_blocks_slack_echoes_back() {
        ObjectNode payload = submission();
        ((ObjectNode) payload.get("view").get("state").get("values").get("project").get("project"))
                .put("value", "Admin “UI” for staff ✓ 🚀 & 100% + more");

        ViewSubmissionPayload read = payloads.decisionSubmission(form(payload)).orElseThrow();
        ViewSubmissionPayload bolt = boltReads(payload);

        assertTrue(bolt.getView().getBlocks().size() > 5, "Bolt builds every block Slack echoes back");
        assertNull(read.getView().getBlocks());
        bolt.getView().setBlocks(null);
        assertEquals(GSON.toJson(bolt), GSON.toJson(read));
        assertEquals("Admin “UI” for staff ✓ 🚀 & 100% + more",
                read.getView().getState().getValues().get("project").get("project").getValue());
    }

    @Test
    void other_payloads_and_bodies_are_left_to_bolt() {
        ObjectNode action = SlackPayloads.reanswerClick("U0ASKER1", "C0GENERAL", "1700000000.000100", "{}");
        ObjectNode otherModal = submission();
        ((ObjectNode) otherModal.get("view")).put("callback_id", "some_other_modal");
        ObjectNode noView = submission();
        noView.remove("view");
        ObjectNode typeLast = submission();
        typeLast.remove("type");
        typeLast.put("type", "view_submission");

        for (byte[] body : List.of(form(action), form(otherModal), form(noView), form(typeLast),
                bytes(SlackPayloads.slashCommand("")), bytes("payload=%7B%22type%22%3A%22view_submission%22"),
                bytes("payload=%7B%22type%22%3A%22view_submission%22%7D%7B%7D"), bytes("payload=%ZZ"),
                bytes("payload=%7B%22type%22%3A%22view_submission%22%2C%22view%22%3A5%7D"),
                bytes(SignedRequests.payloadForm(submission().toString()) + "&x=1"), bytes("payload=%5B%5D"),
                bytes(SignedRequests.payloadForm("{\"type\":\"view_submission\",\"view\":{\"blocks\":[{]},"
                        + "\"callback_id\":\"framework_decision\"}}")))) {
            assertEquals(Optional.empty(), payloads.decisionSubmission(body), new String(body, StandardCharsets.UTF_8));
        }
    }

    @Test
    void form_decoding_reads_plus_as_space_and_percent_escapes_as_utf8_bytes() {
        byte[] decoded = SubmissionPayloads.decode(bytes("x=a+b%20%E2%9C%93%f0%9f%9a%80"), 2);

        assertEquals("a b ✓🚀", new String(decoded, StandardCharsets.UTF_8));
        assertFalse(new String(decoded, StandardCharsets.UTF_8).contains("%"));
    }

    /** The payload as Bolt's own request parses it. */
    private static ViewSubmissionPayload boltReads(JsonNode payload) {
        return new ViewSubmissionRequest(SignedRequests.payloadForm(payload.toString()), payload.toString(),
                new RequestHeaders(Map.of())).getPayload();
    }

    private static ObjectNode submission() {
        return SlackPayloads.viewSubmission("U0ASKER1", SlackPayloads.newDecisionMetadata("C0GENERAL"),
                SlackPayloads.djangoAnswers(), "Customer portal");
    }

    private static byte[] form(JsonNode payload) {
        return bytes(SignedRequests.payloadForm(payload.toString()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
