package com.frameworkadvisor.web;

import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: off without {@code METRICS_TOKEN}, 401 without its bearer token, Prometheus text with it. */
class MetricsEndpointTest {
    private static final String TOKEN = "metrics-token-for-tests-3f9a1c";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void without_a_metrics_token_the_endpoint_is_off() {
        try (TestApp app = TestApp.start()) {
            HttpResponse<String> metrics = app.requests.get("/metrics", Map.of("Authorization", "Bearer " + TOKEN));

            assertEquals(404, metrics.statusCode(), metrics.body());
        }
    }

    @Test
    void without_the_right_bearer_token_the_answer_is_401_and_says_what_is_needed() {
        try (TestApp app = TestApp.start(new FakeSlackApi(), Map.of("METRICS_TOKEN", TOKEN), true)) {
            for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(),
                    Map.of("Authorization", "Bearer wrong-token-of-some-length"),
                    Map.of("Authorization", TOKEN), Map.of("Authorization", "Basic " + TOKEN))) {
                HttpResponse<String> metrics = app.requests.get("/metrics", headers);

                assertEquals(401, metrics.statusCode(), headers + ": " + metrics.body());
                assertEquals("Bearer realm=\"metrics\"", metrics.headers().firstValue("WWW-Authenticate")
                        .orElse(""));
                assertFalse(metrics.body().contains("slack_api"), "no metrics without the token");
            }
        }
    }

    @Test
    void with_the_token_it_serves_slack_calls_requests_deliveries_and_the_jvm_with_no_secret_in_it() {
        try (TestApp app = TestApp.start(new FakeSlackApi(), Map.of("METRICS_TOKEN", TOKEN), true)) {
            app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                    SlackPayloads.djangoAnswers(), "Customer portal"));
            app.slack.await("chat.postMessage", 2, WAIT);
            app.requests.send("payload=%7B%7D", SignedRequests.FORM, Map.of());

            String scrape = Waits.atMost(WAIT).until(() -> scrape(app),
                    text -> text.contains("advisor_deliveries_total{outcome=\"delivered\"}"));

            assertTrue(scrape.contains("slack_api_calls_seconds_count{method=\"chat.postMessage\",outcome=\"ok\"} 2"),
                    scrape);
            assertTrue(scrape.contains("slack_api_calls_seconds_count{method=\"auth.test\",outcome=\"ok\"}"), scrape);
            assertTrue(scrape.contains("http_server_requests_seconds_count{kind=\"view_submission\",status=\"200\"} 1"),
                    scrape);
            assertTrue(scrape.contains("http_server_requests_seconds_count{kind=\"unsigned\",status=\"401\"} 1"),
                    scrape);
            assertTrue(scrape.contains("advisor_deliveries_pending "), scrape);
            assertTrue(scrape.contains("advisor_deliveries_oldest_age_seconds "), scrape);
            assertTrue(scrape.contains("advisor_delivery_time_seconds_count 1"), scrape);
            assertTrue(scrape.contains("jvm_memory_used_bytes{"), scrape);
            for (String secret : java.util.List.of(TOKEN, FakeSlackApi.BOT_TOKEN, SignedRequests.SIGNING_SECRET)) {
                assertFalse(scrape.contains(secret), "a secret in the scrape");
            }
        }
    }

    @Test
    void on_the_metrics_port_it_serves_without_a_token_and_the_public_port_stays_closed() throws Exception {
        int internal;
        try (ServerSocket free = new ServerSocket(0)) {
            internal = free.getLocalPort();
        }
        try (TestApp app = TestApp.start(new FakeSlackApi(), Map.of("METRICS_PORT", String.valueOf(internal)), true)) {
            HttpResponse<String> inside = new SignedRequests(internal).get("/metrics");
            HttpResponse<String> outside = app.requests.get("/metrics");

            assertEquals(200, inside.statusCode(), inside.body());
            assertTrue(inside.body().contains("slack_api_calls_seconds_count{method=\"auth.test\""), inside.body());
            assertEquals(404, outside.statusCode(), "no token: off on the public port");
            assertEquals(200, app.requests.get("/health").statusCode());
        }
    }

    private static String scrape(TestApp app) {
        HttpResponse<String> metrics = app.requests.get("/metrics", Map.of("Authorization", "Bearer " + TOKEN));
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return metrics.body();
    }
}
