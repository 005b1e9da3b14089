package com.frameworkadvisor.web;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Correctly signed but hostile or broken requests, through the real server: each gets a 4xx or a polite 200,
 * never a 5xx and never a stack trace, and the app keeps serving the happy path afterwards. The many hostile
 * cases share one app, so they stay fast; each still gets its own verdict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The server's limit ({@code RequestBody.MAX_BYTES}): Slack's payloads are a few KiB. */
    private static final int MAX_BODY_BYTES = 64 * 1024;
    /** A parent message the test pretends is in Slack: nothing posts it, so its ts is the test's own. */
    private static final String PRETEND_PARENT_TS = "1700000000.000101";
    private static final String PARENT_JSON = "\"" + PRETEND_PARENT_TS + "\"";

    private TestApp shared;

    @BeforeAll
    void startShared() {
        shared = TestApp.start();
    }

    @AfterAll
    void stopShared() {
        shared.close();
    }

    /** A signed request that Slack would never send, or that someone altered on the way. */
    record Hostile(String description, String body, String contentType) {
        @Override
        public String toString() {
            return description;
        }
    }

    static List<Hostile> hostileRequests() {
        List<Hostile> requests = new ArrayList<>();
        requests.add(form("an empty body", ""));
        requests.add(form("a form body that is not url-encoded", "%%%"));
        requests.add(form("an empty payload", "payload="));
        requests.add(payload("a payload that is not JSON", "{\"type\": \"view_submission\", "));
        requests.add(payload("a payload that is a JSON array", "[{\"type\":\"view_submission\"}]"));
        requests.add(payload("a payload that is a JSON string", "\"view_submission\""));
        requests.add(payload("a payload of an unknown type",
                "{\"type\":\"no_such_type\",\"team\":{\"id\":\"T0TEST\"},\"user\":{\"id\":\"U0ASKER1\"}}"));
        requests.add(payload("a payload without a type", "{\"team\":{\"id\":\"T0TEST\"}}"));
        requests.add(new Hostile("a JSON body that is not JSON", "{\"type\":", "application/json"));
        requests.add(form("a slash command that is not ours",
                SlackPayloads.slashCommand("/not-ours", "x", ASKER, CHANNEL)));
        requests.add(form("a slash command without a channel",
                SlackPayloads.slashCommand("/framework", "x", ASKER, "")));
        requests.add(form("a slash command from a forged channel id",
                SlackPayloads.slashCommand("/framework", "x", ASKER, "<!channel>")));
        requests.add(form("a slash command without a trigger id",
                SlackPayloads.slashCommand("x").replaceAll("&trigger_id=[^&]*", "")));
        requests.add(submission("a submission of a modal that is not ours",
                p -> view(p).put("callback_id", "someone_elses_modal")));
        requests.add(submission("a submission without a user", p -> p.remove("user")));
        requests.add(submission("a submission whose user id is forged",
                p -> p.withObjectProperty("user").put("id", "<!here>")));
        requests.add(submission("a submission without a view", p -> p.remove("view")));
        requests.add(submission("a submission without view state", p -> view(p).remove("state")));
        requests.add(submission("a submission whose state values are null",
                p -> view(p).withObjectProperty("state").putNull("values")));
        requests.add(submission("a submission whose answer is a number",
                p -> selected(p, "admin_ui").put("value", 7)));
        requests.add(submission("a submission whose selected option is a string",
                p -> radio(p, "admin_ui").put("selected_option", "yes")));
        requests.add(submission("a submission whose state block is a string",
                p -> view(p).withObjectProperty("state").withObjectProperty("values").put("admin_ui", "yes")));
        requests.add(submission("a submission whose project name is an object",
                p -> projectValue(p).putObject("value").put("text", "Customer portal")));
        requests.add(submission("a submission whose private metadata is not JSON",
                p -> view(p).put("private_metadata", "{channel: C0GENERAL")));
        requests.add(submission("a submission whose private metadata is missing",
                p -> view(p).remove("private_metadata")));
        requests.add(submission("a submission whose private metadata is a JSON array",
                p -> view(p).put("private_metadata", "[\"C0GENERAL\"]")));
        requests.add(submission("a submission whose private metadata channel is not a channel id",
                p -> view(p).put("private_metadata", "{\"channel\":\"<!channel>\"}")));
        requests.add(submission("a submission whose private metadata channel is a number",
                p -> view(p).put("private_metadata", "{\"channel\":12345}")));
        requests.add(submission("a submission whose private metadata thread is malformed",
                p -> view(p).put("private_metadata", revisionMetadata("\"<!here>\"", "{\"admin_ui\":\"yes\"}"))));
        requests.add(submission("a submission whose previous answers are not text",
                p -> view(p).put("private_metadata", revisionMetadata(PARENT_JSON, "{\"admin_ui\":[1,2]}"))));
        requests.add(submission("a submission whose previous answers are a list",
                p -> view(p).put("private_metadata", revisionMetadata(PARENT_JSON, "[\"yes\"]"))));
        requests.add(submission("a submission whose parent message is a number",
                p -> view(p).put("private_metadata", revisionMetadata(PARENT_JSON, "{\"admin_ui\":\"yes\"}")
                        .replace("\"parent_ts\":" + PARENT_JSON, "\"parent_ts\":17"))));
        requests.add(click("a click on a button that is not ours",
                p -> action(p).put("action_id", "no_such_action")));
        requests.add(click("a Re-answer value that is not JSON", p -> action(p).put("value", "{answers:")));
        requests.add(click("a Re-answer value that is empty", p -> action(p).put("value", "")));
        requests.add(click("a Re-answer value without asked_by",
                p -> action(p).put("value", "{\"answers\":{\"admin_ui\":\"yes\"}}")));
        requests.add(click("a Re-answer value with a forged asked_by",
                p -> action(p).put("value", "{\"asked_by\":\"<!channel>\",\"answers\":{}}")));
        requests.add(click("a Re-answer value whose answers are not text",
                p -> action(p).put("value", "{\"asked_by\":\"U0ASKER1\",\"answers\":{\"admin_ui\":{\"x\":1}}}")));
        requests.add(click("a Re-answer value whose project is not text",
                p -> action(p).put("value", "{\"asked_by\":\"U0ASKER1\",\"project\":[1],\"answers\":{}}")));
        requests.add(click("a Re-answer value too long for the modal's private metadata",
                p -> action(p).put("value", oversizedReanswerValue())));
        requests.add(click("a Re-answer click without a channel", p -> p.remove("channel")));
        requests.add(click("a Re-answer click without a message", p -> p.remove("message")));
        requests.add(click("a Re-answer click without actions", p -> p.remove("actions")));
        requests.add(click("a Re-answer click whose actions are not a list", p -> p.put("actions", "reanswer")));
        return requests;
    }

    @ParameterizedTest(name = "{0} gets a 4xx or a polite 200, never a 5xx or a logged error")
    @MethodSource("hostileRequests")
    void a_hostile_request_gets_a_4xx_or_a_polite_200_and_logs_no_error(Hostile hostile) {
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> response = shared.requests.post(hostile.body(), hostile.contentType());

            assertPolite(hostile, response);
            assertEquals(List.of(), logs.events(e -> e.level() == Level.ERROR || e.hasThrowable()),
                    "a refused request is a warning at most, never an error or a stack trace in the log");
        }
    }

    /** Cases that stop their app to see everything it sent, or that must start from a clean slate. */
    @Nested
    class OnAFreshApp {
        private TestApp app;

        @BeforeEach
        void start() {
            app = TestApp.start();
        }

        @AfterEach
        void stop() {
            app.close();
        }

        @Test
        void after_every_hostile_request_the_app_still_opens_the_modal_and_posted_nothing() {
            for (Hostile hostile : hostileRequests()) {
                assertPolite(hostile, app.requests.post(hostile.body(), hostile.contentType()));
            }

            HttpResponse<String> response = app.post(SlackPayloads.slashCommand("Still here"));

            assertEquals(200, response.statusCode(), response.body());
            app.slack.await("views.open", c -> c.param("view").contains("Still here"), 1, WAIT);
            app.finishPosting();
            assertTrue(app.slack.calls("chat.postMessage").isEmpty(), "posted: " + app.slack.methods());
            assertTrue(app.slack.calls("chat.update").isEmpty(), "updated: " + app.slack.methods());
        }

        @Test
        void a_body_over_64_kib_is_refused_with_413_and_nothing_reaches_slack() {
            List<String> startUpCalls = app.slack.methods();
            String body = SlackPayloads.slashCommand("x".repeat(MAX_BODY_BYTES));

            HttpResponse<String> response = app.post(body);

            assertEquals(413, response.statusCode(), response.body());
            assertNoStackTrace(response.body());
            app.finishPosting();
            assertEquals(startUpCalls, app.slack.methods());
        }

        @Test
        void a_streamed_body_over_64_kib_without_a_length_is_refused_and_nothing_reaches_slack() {
            List<String> startUpCalls = app.slack.methods();
            String body = SlackPayloads.slashCommand("x".repeat(MAX_BODY_BYTES));

            HttpResponse<String> response = app.requests.postChunked(body);

            assertEquals(413, response.statusCode(), response.body());
            assertNoStackTrace(response.body());
            app.finishPosting();
            assertEquals(startUpCalls, app.slack.methods());
        }

        @Test
        void a_body_just_under_the_limit_is_still_served() {
            String command = SlackPayloads.slashCommand("");
            String body = command.replace("&text=&", "&text=" + "x".repeat(MAX_BODY_BYTES - command.length() - 1)
                    + "&");

            HttpResponse<String> response = app.post(body);

            assertTrue(body.length() < MAX_BODY_BYTES, "the body is " + body.length() + " bytes");
            assertEquals(200, response.statusCode(), response.body());
            app.slack.await("views.open", 1, WAIT);
        }

        @Test
        void an_answer_that_is_not_in_the_bank_is_shown_as_an_error_on_its_question() throws Exception {
            Map<String, String> answers = SlackPayloads.djangoAnswers();
            answers.put("team_experience", "ten_years_of_cobol");

            HttpResponse<String> response = app.postPayload(SlackPayloads.viewSubmission(ASKER,
                    SlackPayloads.newDecisionMetadata(CHANNEL), answers, null));

            assertEquals(200, response.statusCode(), response.body());
            JsonNode ack = MAPPER.readTree(response.body());
            assertEquals("errors", ack.path("response_action").asText());
            assertEquals(List.of("team_experience"), fieldNames(ack.path("errors")));
            app.finishPosting();
            assertTrue(app.slack.calls("chat.postMessage").isEmpty(), "posted: " + app.slack.methods());
        }

        @Test
        void an_answer_sent_as_a_number_is_shown_as_an_error_on_its_question() throws Exception {
            ObjectNode payload = submission();
            selected(payload, "auth").put("value", 1);

            HttpResponse<String> response = app.postPayload(payload);

            assertPolite("a numeric answer", response);
            JsonNode ack = MAPPER.readTree(response.body());
            assertEquals("errors", ack.path("response_action").asText());
            assertEquals(List.of("auth"), fieldNames(ack.path("errors")));
        }

        @Test
        void tampered_private_metadata_is_shown_as_a_form_error_and_posts_nothing() throws Exception {
            ObjectNode payload = submission();
            view(payload).put("private_metadata", "{\"channel\":\"#general\"}");

            HttpResponse<String> response = app.postPayload(payload);

            assertPolite("tampered metadata", response);
            JsonNode ack = MAPPER.readTree(response.body());
            assertEquals("errors", ack.path("response_action").asText());
            assertTrue(ack.path("errors").size() > 0, response.body());
            app.finishPosting();
            assertTrue(app.slack.calls("chat.postMessage").isEmpty(), "posted: " + app.slack.methods());
        }

        @Test
        void a_tampered_reanswer_button_opens_nothing_and_tells_the_user_politely() {
            ObjectNode click = SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, PRETEND_PARENT_TS, "not json at all");

            HttpResponse<String> response = app.postPayload(click);

            assertPolite("a tampered button", response);
            FakeSlackApi.Call note = app.slack.await("chat.postEphemeral", 1, WAIT).get(0);
            assertEquals(CHANNEL, note.param("channel"));
            assertEquals("U0TEAMMATE", note.param("user"));
            assertTrue(note.param("text").contains("Run the command again"), note.param("text"));
            app.finishPosting();
            assertTrue(app.slack.calls("views.open").isEmpty(), "opened: " + app.slack.methods());
        }

        @Test
        void a_forged_reanswer_value_too_long_to_carry_over_gets_the_unreadable_button_note() {
            ObjectNode click = SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, PRETEND_PARENT_TS,
                    oversizedReanswerValue());

            HttpResponse<String> response = app.postPayload(click);

            assertPolite("an oversized button value", response);
            app.finishPosting();
            List<FakeSlackApi.Call> notes = app.slack.calls("chat.postEphemeral");
            assertEquals(1, notes.size(), "one note to the user: " + app.slack.methods());
            assertTrue(notes.get(0).param("text").contains("Run the command again"), notes.get(0).param("text"));
            assertTrue(app.slack.calls("views.open").isEmpty(), "opened: " + app.slack.methods());
        }

        @Test
        void a_reanswer_button_naming_unknown_questions_opens_the_modal_without_them() {
            String value = "{\"asked_by\":\"U0ASKER1\",\"answers\":{\"admin_ui\":\"yes\",\"no_such_question\":\"x\","
                    + "\"auth\":\"no_such_option\"}}";

            HttpResponse<String> response = app.postPayload(SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL,
                    PRETEND_PARENT_TS, value));

            assertEquals(200, response.statusCode(), response.body());
            JsonNode view = app.slack.await("views.open", 1, WAIT).get(0).json("view");
            assertFalse(view.path("blocks").toString().contains("no_such"), "unknown ids are dropped: " + view);
            for (JsonNode block : view.path("blocks")) {
                String id = block.path("block_id").asText();
                boolean prefilled = block.path("element").has("initial_option");
                assertEquals(id.equals("admin_ui"), prefilled, "initial_option on " + id);
            }
        }

        @Test
        void health_answers_200_with_status_ok() throws Exception {
            HttpResponse<String> response = app.requests.get("/health");

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    response.headers().toString());
            assertEquals(MAPPER.readTree("{\"status\":\"ok\"}"), MAPPER.readTree(response.body()));
        }
    }

    private static void assertPolite(Object what, HttpResponse<String> response) {
        int status = response.statusCode();
        assertTrue(status == 200 || (status >= 400 && status < 500),
                what + " got HTTP " + status + ": " + response.body());
        assertNoStackTrace(response.body());
    }

    private static void assertNoStackTrace(String body) {
        assertFalse(body.contains("Exception"), "the response names an exception: " + body);
        assertFalse(body.contains("at com."), "the response carries a stack trace: " + body);
        assertFalse(body.contains("at java."), "the response carries a stack trace: " + body);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Hostile form(String description, String body) {
        return new Hostile(description, body, SignedRequests.FORM);
    }

    private static Hostile payload(String description, String json) {
        return form(description, SignedRequests.payloadForm(json));
    }

    private static Hostile submission(String description, Consumer<ObjectNode> tamper) {
        ObjectNode payload = submission();
        tamper.accept(payload);
        return payload(description, payload.toString());
    }

    private static Hostile click(String description, Consumer<ObjectNode> tamper) {
        ObjectNode payload = SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, PRETEND_PARENT_TS,
                "{\"asked_by\":\"U0ASKER1\",\"answers\":{\"admin_ui\":\"yes\"}}");
        tamper.accept(payload);
        return payload(description, payload.toString());
    }

    private static ObjectNode submission() {
        return SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                SlackPayloads.djangoAnswers(), "Customer portal");
    }

    /** A re-answer modal's private metadata, in the shape the app writes, with these raw JSON values. */
    private static String revisionMetadata(String threadTsJson, String previousJson) {
        return "{\"channel\":\"" + CHANNEL + "\",\"thread_ts\":" + threadTsJson + ",\"parent_ts\":" + PARENT_JSON
                + ",\"asked_by\":\"" + ASKER + "\",\"previous\":" + previousJson + "}";
    }

    private static ObjectNode view(ObjectNode payload) {
        return payload.withObjectProperty("view");
    }

    private static ObjectNode radio(ObjectNode payload, String question) {
        return view(payload).withObjectProperty("state").withObjectProperty("values").with(question).with(question);
    }

    private static ObjectNode projectValue(ObjectNode payload) {
        return view(payload).withObjectProperty("state").withObjectProperty("values").withObjectProperty("project")
                .withObjectProperty("project");
    }

    private static ObjectNode selected(ObjectNode payload, String question) {
        return radio(payload, question).withObjectProperty("selected_option");
    }

    private static ObjectNode action(ObjectNode payload) {
        return (ObjectNode) payload.path("actions").get(0);
    }

    /** A forged button value (Slack caps real ones at 2,000 characters) whose answers overflow private_metadata. */
    private static String oversizedReanswerValue() {
        ObjectNode value = MAPPER.createObjectNode().put("asked_by", ASKER);
        ObjectNode answers = value.putObject("answers");
        for (int i = 0; answers.toString().length() < 4000; i++) {
            answers.put("question_" + i, "option_" + i);
        }
        return value.toString();
    }
}
