package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.slack.payload.DecisionForm;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionReaderTest {
    private final SubmissionReader payloads = new SubmissionReader();

    @Test
    void a_decision_submission_reads_as_the_form_bolt_parses() {
        ObjectNode payload = submission();

        DecisionForm read = payloads.decisionSubmission(form(payload)).orElseThrow();

        assertEquals(DecisionForm.of(boltReads(payload)), read);
        assertEquals("U0ASKER1", read.user());
        assertEquals("T0TEST", read.team());
        assertEquals("Customer portal", read.value("project"));
        assertEquals(SlackPayloads.djangoAnswers().get("admin_ui"), read.value("admin_ui"));
        long radios = TestApp.bank().questions().stream().filter(q -> !q.isCheckbox()).count();
        assertEquals(radios + 1, read.values().size(), "every radio answer and the project name");
        assertEquals(Map.of("also", List.of()), read.checked(), "the checkbox group, nothing ticked");
    }

    @Test
    void ticked_checkboxes_read_as_bolt_reads_them() {
        ObjectNode payload = SlackPayloads.viewSubmission("U0ASKER1", SlackPayloads.newDecisionMetadata("C0GENERAL"),
                SlackPayloads.answers(Map.of("regulated", "yes", "typed_contracts", "yes")), null);

        DecisionForm read = payloads.decisionSubmission(form(payload)).orElseThrow();

        assertEquals(DecisionForm.of(boltReads(payload)), read);
        assertEquals(List.of("regulated", "typed_contracts"), read.ticked("also"));
    }

    @Test
    void every_shape_slack_can_send_reads_as_bolt_reads_it() {
        List<Consumer<ObjectNode>> variants = List.of(
                p -> values(p).with("project").with("project").put("value", "Admin “UI” ✓ 🚀 & 100% + more=\"x\""),
                p -> values(p).with("project").with("project").putNull("value"),
                p -> values(p).remove("scale"),
                p -> values(p).with("auth").with("auth").putNull("selected_option"),
                p -> values(p).with("auth").with("auth").put("value", "yes").with("selected_option").putNull("value"),
                p -> values(p).with("auth").with("auth").put("value", "yes").putNull("selected_option"),
                p -> values(p).putNull("auth"),
                p -> values(p).with("auth").set("other_action", values(p).get("scale").get("scale").deepCopy()),
                p -> view(p).remove("state"),
                p -> view(p).putNull("state"),
                p -> view(p).with("state").putNull("values"),
                p -> view(p).putNull("private_metadata"),
                p -> view(p).set("blocks", view(p).remove("blocks")), // the blocks last
                p -> view(p).putArray("blocks"),
                p -> p.remove("team"),
                p -> p.with("user").remove("id"),
                p -> p.putObject("extra").putArray("list").add(1).add(true).addNull().addObject().put("n", 2.5),
                p -> view(p).putObject("unknown").putObject("deeper").putArray("state").add("values"),
                p -> p.set("view", p.remove("view")), // the view after everything else
                p -> p.set("type", p.remove("type")), // the type after the view
                p -> values(p).with("also").with("also").putNull("selected_options"),
                p -> values(p).with("also").with("also").withArray("selected_options").addObject().putNull("value"),
                p -> values(p).with("also").with("also").withArray("selected_options").addObject()
                        .put("value", "regulated").putObject("text").put("type", "plain_text").put("text", "x"),
                p -> values(p).remove("also"));
        for (int i = 0; i < variants.size(); i++) {
            ObjectNode payload = submission();
            variants.get(i).accept(payload);

            Optional<DecisionForm> read = payloads.decisionSubmission(form(payload));

            assertTrue(read.isPresent(), "variant " + i);
            assertEquals(DecisionForm.of(boltReads(payload)), read.get(), "variant " + i);
        }
    }

    @Test
    void anything_else_is_left_to_bolt() {
        ObjectNode action = SlackPayloads.reanswerClick("U0ASKER1", "C0GENERAL", "1700000000.000100", "{}");
        ObjectNode actionTypeLast = action.deepCopy();
        actionTypeLast.set("type", actionTypeLast.remove("type"));
        List<Consumer<ObjectNode>> notOurs = List.of(
                p -> view(p).put("callback_id", "some_other_modal"),
                p -> p.remove("view"),
                p -> p.remove("user"), // Bolt fails on a submission without a user, and the adapter refuses it
                p -> p.putNull("user"),
                p -> p.remove("type"),
                p -> p.put("type", "view_closed"),
                p -> p.put("team", "T0TEST"), // fields of a type Slack never sends: Bolt's Gson refuses or coerces
                p -> view(p).put("private_metadata", 5),
                p -> values(p).with("auth").with("auth").with("selected_option").put("value", 1),
                p -> values(p).put("auth", "django"),
                p -> values(p).with("also").with("also").put("selected_options", "regulated"),
                p -> values(p).with("also").with("also").withArray("selected_options").add("regulated"));
        List<byte[]> bodies = new ArrayList<>(List.of(form(action), form(actionTypeLast),
                bytes(SlackPayloads.slashCommand("")), bytes("payload=%7B%22type%22%3A%22view_submission%22"),
                bytes("payload=%ZZ"),
                bytes("payload=%7B%22type%22%3A%22view_submission%22%7D%7B%7D"), bytes("payload=%5B%5D"),
                bytes(SignedRequests.payloadForm(submission().toString()) + "&x=1"),
                bytes(SignedRequests.payloadForm("{\"type\":\"view_submission\",\"view\":{\"blocks\":[{]},"
                        + "\"callback_id\":\"framework_decision\"}}")),
                bytes(SignedRequests.payloadForm(submission().toString().replace("\"values\":{",
                        "\"values\":{\"auth\":null,")))));
        for (Consumer<ObjectNode> change : notOurs) {
            ObjectNode payload = submission();
            change.accept(payload);
            bodies.add(form(payload));
        }

        for (byte[] body : bodies) {
            assertEquals(Optional.empty(), payloads.decisionSubmission(body), new String(body, StandardCharsets.UTF_8));
        }
    }

    @Test
    void form_decoding_reads_plus_as_space_and_percent_escapes_as_utf8_bytes() throws IOException {
        byte[] decoded = new FormValue(bytes("x=a+b%20%E2%9C%93%f0%9f%9a%80"), 2).readAllBytes();

        assertEquals("a b ✓🚀", new String(decoded, StandardCharsets.UTF_8));
        assertFalse(new String(decoded, StandardCharsets.UTF_8).contains("%"));
    }

    @Test
    void form_decoding_refuses_what_is_not_one_form_value() {
        for (String form : List.of("x=%E2%9", "x=%G0", "x=a&b=c", "x=a=b", "x=✓")) {
            FormValue value = new FormValue(bytes(form), 2);

            assertThrows(IOException.class, value::readAllBytes, form);
        }
    }

    /** The payload as Bolt's own request parses it. */
    private static com.slack.api.app_backend.views.payload.ViewSubmissionPayload boltReads(JsonNode payload) {
        return new ViewSubmissionRequest(SignedRequests.payloadForm(payload.toString()), payload.toString(),
                new RequestHeaders(Map.of())).getPayload();
    }

    private static ObjectNode submission() {
        return SlackPayloads.viewSubmission("U0ASKER1", SlackPayloads.newDecisionMetadata("C0GENERAL"),
                SlackPayloads.djangoAnswers(), "Customer portal");
    }

    private static ObjectNode view(ObjectNode payload) {
        return (ObjectNode) payload.get("view");
    }

    private static ObjectNode values(ObjectNode payload) {
        return view(payload).with("state").with("values");
    }

    private static byte[] form(JsonNode payload) {
        return bytes(SignedRequests.payloadForm(payload.toString()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
