package com.frameworkadvisor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.SignedRequests.FORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slack's request signing, through the real server: anything not signed with our secret over exactly this body
 * within the last five minutes is refused with 401 before it reaches Bolt, and nothing is sent to Slack.
 *
 * <p>Not tested here: that the comparison is constant-time. Timing cannot be asserted reliably in a unit test;
 * {@code BoltAdapter#signedBySlack} compares with {@code MessageDigest.isEqual}, which is the review point.
 */
class SignatureTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NON_ASCII_PROJECT = "Café Ünïcødé 日本";

    private TestApp app;
    private String body;
    private List<String> startUpCalls;

    @BeforeEach
    void start() {
        app = TestApp.start();
        body = SlackPayloads.slashCommand("Customer portal");
        startUpCalls = app.slack.methods();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void an_unsigned_request_is_refused_and_reaches_nothing() {
        HttpResponse<String> response = app.requests.send(body, FORM, Map.of());

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_wrong_signature_is_refused_and_reaches_nothing() {
        String timestamp = now();

        HttpResponse<String> response = app.requests.send(body, FORM, Map.of(
                "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", "v0=" + "0".repeat(64)));

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_request_signed_with_another_secret_is_refused_and_reaches_nothing() {
        SignedRequests impostor = new SignedRequests(app.server.port(), "another-apps-signing-secret");

        HttpResponse<String> response = impostor.post(body);

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_replay_six_minutes_old_is_refused_and_reaches_nothing() {
        HttpResponse<String> response = app.requests.postAged(body, Duration.ofMinutes(6));

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_timestamp_six_minutes_in_the_future_is_refused_and_reaches_nothing() {
        HttpResponse<String> response = app.requests.postAged(body, Duration.ofMinutes(-6));

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_request_without_the_timestamp_header_is_refused_and_reaches_nothing() {
        String signature = app.requests.signedHeaders(body).get("X-Slack-Signature");

        HttpResponse<String> response = app.requests.send(body, FORM, Map.of("X-Slack-Signature", signature));

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_request_without_the_signature_header_is_refused_and_reaches_nothing() {
        HttpResponse<String> response = app.requests.send(body, FORM, Map.of("X-Slack-Request-Timestamp", now()));

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_timestamp_that_is_not_a_number_is_refused_and_reaches_nothing() {
        String timestamp = "now";

        HttpResponse<String> response = app.requests.send(body, FORM, Map.of(
                "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", SignedRequests.signature(SignedRequests.SIGNING_SECRET, timestamp, body)));

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_body_changed_after_signing_is_refused_and_reaches_nothing() {
        Map<String, String> headers = app.requests.signedHeaders(body);
        String tampered = body.replace("Customer+portal", "Customer+portaI");

        HttpResponse<String> response = app.requests.send(tampered, FORM, headers);

        assertRefusedWithoutTouchingSlack(response);
    }

    @Test
    void a_signed_command_with_non_ascii_text_opens_the_modal_with_that_text() {
        String signed = SlackPayloads.slashCommand(NON_ASCII_PROJECT);

        HttpResponse<String> response = app.post(signed);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(NON_ASCII_PROJECT, openedProjectName());
    }

    @Test
    void a_signed_body_carrying_raw_utf8_bytes_is_verified_over_those_bytes() {
        // Slack percent-encodes form bodies, so the test above signs ASCII only. Unencoded UTF-8 bytes in the body
        // show that the server verifies the bytes it received, not a re-decoded copy of them.
        String raw = SlackPayloads.slashCommand("PLACEHOLDER").replace("PLACEHOLDER",
                NON_ASCII_PROJECT.replace(' ', '+'));

        HttpResponse<String> response = app.post(raw);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(NON_ASCII_PROJECT, openedProjectName());
    }

    private String openedProjectName() {
        JsonNode view = app.slack.await("views.open", 1, WAIT).get(0).json("view");
        for (JsonNode block : view.path("blocks")) {
            if ("project".equals(block.path("block_id").asText())) {
                return block.path("element").path("initial_value").asText();
            }
        }
        throw new AssertionError("the modal has no project block: " + view);
    }

    private void assertRefusedWithoutTouchingSlack(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        app.finishPosting();
        assertTrue(startUpCalls.stream().allMatch("auth.test"::equals), "start-up only checks the token");
        assertEquals(startUpCalls, app.slack.methods(), "nothing but the start-up token check reached Slack");
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }
}
