package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.support.AppUnderTest;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision modal's submission is checked before anything is posted; mistakes come back as field errors. */
class SubmissionValidationTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void an_unanswered_question_comes_back_as_an_error_on_its_block_and_nothing_is_posted() throws Exception {
        Map<String, String> answers = SlackPayloads.djangoAnswers();
        answers.remove("persistence");

        HttpResponse<String> response = submit(answers, "Customer portal");

        JsonNode ack = errorsAck(response);
        assertEquals(List.of("persistence"), fieldNames(ack.path("errors")));
        assertFalse(ack.path("errors").path("persistence").asText().isBlank());
        assertNothingPosted();
    }

    @Test
    void every_unanswered_question_gets_its_own_error() throws Exception {
        Map<String, String> answers = SlackPayloads.djangoAnswers();
        answers.remove("admin_ui");
        answers.remove("scale");

        HttpResponse<String> response = submit(answers, null);

        assertEquals(List.of("admin_ui", "scale"), fieldNames(errorsAck(response).path("errors")));
        assertNothingPosted();
    }

    @Test
    void a_project_name_of_81_characters_comes_back_as_an_error_on_the_project_block() throws Exception {
        HttpResponse<String> response = submit(SlackPayloads.djangoAnswers(), "p".repeat(81));

        JsonNode ack = errorsAck(response);
        assertEquals(List.of("project"), fieldNames(ack.path("errors")));
        assertTrue(ack.path("errors").path("project").asText().contains("80"), ack.toString());
        assertNothingPosted();
    }

    @Test
    void a_project_name_of_exactly_80_characters_is_accepted_and_posted() {
        String project = "p".repeat(79) + "!";

        HttpResponse<String> response = submit(SlackPayloads.djangoAnswers(), project);

        assertAcceptedAndPosted(response, project);
    }

    @Test
    void a_project_name_of_80_characters_outside_the_basic_plane_is_accepted_and_posted() {
        // 80 characters a person counts, 160 UTF-16 units: the limit is about what people see.
        String project = "\uD83D\uDE80".repeat(80);

        HttpResponse<String> response = submit(SlackPayloads.djangoAnswers(), project);

        assertAcceptedAndPosted(response, project);
    }

    @Test
    void a_submission_left_to_bolt_gets_the_answer_the_adapter_gives_one_it_reads_itself() throws Exception {
        // The HTTP adapter reads Slack's submissions itself (web/SubmissionReader); one it does not recognise as
        // Slack's, such as a body with a second form field, is parsed by Bolt and must reach the same listener with
        // the same result.
        Map<String, String> unanswered = SlackPayloads.djangoAnswers();
        unanswered.remove("scale");

        JsonNode readByAdapter = errorsAck(app.postPayload(submission(unanswered, "Portal")));
        JsonNode parsedByBolt = errorsAck(app.post(withSecondField(submission(unanswered, "Portal"))));
        HttpResponse<String> postedByAdapter = app.postPayload(submission(SlackPayloads.djangoAnswers(), "Portal"));
        List<FakeSlackApi.Call> first = app.slack.await("chat.postMessage", 2, WAIT);
        HttpResponse<String> postedByBolt = app.post(withSecondField(submission(SlackPayloads.djangoAnswers(),
                "Portal")));
        List<FakeSlackApi.Call> both = app.slack.await("chat.postMessage", 4, WAIT);

        assertEquals(List.of("scale"), fieldNames(readByAdapter.path("errors")));
        assertEquals(readByAdapter, parsedByBolt);
        assertEquals("", postedByAdapter.body());
        assertEquals("", postedByBolt.body());
        assertEquals(first.get(0).param("blocks"), both.get(2).param("blocks"));
        assertTrue(both.get(2).param("blocks").contains("*Project:* Portal"), both.get(2).param("blocks"));
    }

    private static ObjectNode submission(Map<String, String> answers, String project) {
        return SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL), answers, project);
    }

    private static String withSecondField(ObjectNode payload) {
        return SignedRequests.payloadForm(payload.toString()) + "&extra=1";
    }

    private void assertAcceptedAndPosted(HttpResponse<String> response, String project) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("", response.body(), "a plain ack closes the modal");
        FakeSlackApi.Call parent = app.slack.await("chat.postMessage", 2, WAIT).get(0);
        assertEquals(CHANNEL, parent.param("channel"));
        assertEquals(project, parent.json("metadata").path("event_payload").path("project").asText());
        assertTrue(parent.param("blocks").contains("*Project:* " + project), parent.param("blocks"));
    }

    private HttpResponse<String> submit(Map<String, String> answers, String project) {
        return app.postPayload(submission(answers, project));
    }

    private static JsonNode errorsAck(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode ack = MAPPER.readTree(response.body());
        assertEquals("errors", ack.path("response_action").asText(), response.body());
        return ack;
    }

    private void assertNothingPosted() {
        app.finishPosting();
        assertTrue(app.slack.calls("chat.postMessage").isEmpty(), "posted: " + app.slack.methods());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
