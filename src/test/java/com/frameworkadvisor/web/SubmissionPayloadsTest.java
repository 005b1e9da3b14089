package com.frameworkadvisor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SubmissionPayloads payloads = new SubmissionPayloads();

    @Test
    void a_view_submission_reaches_bolt_whole_but_for_the_blocks_slack_echoes_back() throws Exception {
        ObjectNode payload = submission();
        ObjectNode view = (ObjectNode) payload.get("view");
        view.putArray("blocks").addObject().put("type", "input").put("block_id", "admin_ui")
                .putObject("label").put("type", "plain_text").put("text", "Admin “UI” for staff? ✓ 🚀");
        view.putObject("title").put("type", "plain_text").put("text", "Django or Flask?");

        JsonNode read = JSON.readTree(payloads.viewSubmissionWithoutBlocks(form(payload)).orElseThrow());

        view.remove("blocks");
        assertEquals(payload, read);
    }

    @Test
    void the_type_is_found_wherever_it_comes_in_the_payload() throws Exception {
        ObjectNode payload = submission();
        payload.remove("type");
        payload.put("type", "view_submission"); // now after the view

        assertTrue(payloads.viewSubmissionWithoutBlocks(form(payload)).isPresent());
    }

    @Test
    void other_payloads_and_bodies_are_left_to_bolt() {
        ObjectNode action = SlackPayloads.reanswerClick("U0ASKER1", "C0GENERAL", "1700000000.000100", "{}");

        assertEquals(Optional.empty(), payloads.viewSubmissionWithoutBlocks(form(action)));
        assertEquals(Optional.empty(), payloads.viewSubmissionWithoutBlocks(bytes(SlackPayloads.slashCommand(""))));
        assertEquals(Optional.empty(), payloads.viewSubmissionWithoutBlocks(bytes("payload=%7B%22type%22%3A")));
        assertEquals(Optional.empty(), payloads.viewSubmissionWithoutBlocks(bytes("payload=%ZZ")));
        assertEquals(Optional.empty(), payloads.viewSubmissionWithoutBlocks(bytes("payload=%7B%7D%7B%7D")));
        assertEquals(Optional.empty(), payloads.viewSubmissionWithoutBlocks(bytes("payload=%7B%7D&x=1")));
        assertEquals(Optional.empty(), payloads.viewSubmissionWithoutBlocks(bytes("payload=%5B%5D")));
    }

    @Test
    void form_decoding_reads_plus_as_space_and_percent_escapes_as_utf8_bytes() {
        byte[] decoded = SubmissionPayloads.decode(bytes("x=a+b%20%E2%9C%93%f0%9f%9a%80"), 2);

        assertEquals("a b ✓🚀", new String(decoded, StandardCharsets.UTF_8));
        assertFalse(new String(decoded, StandardCharsets.UTF_8).contains("%"));
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
