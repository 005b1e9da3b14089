package com.frameworkadvisor.web;

import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the server (what SIGTERM does) right after an ack still delivers the accepted decision. */
class ShutdownTest {
    private FakeSlackApi slack;
    private TestApp app;

    @BeforeEach
    void start() {
        slack = new FakeSlackApi();
        app = TestApp.start(slack, Map.of(), false);
    }

    @AfterEach
    void stop() {
        try {
            app.close();
        } finally {
            slack.close();
        }
    }

    @Test
    void a_decision_acked_just_before_shutdown_is_still_posted_with_its_thread_reply() {
        // Slack is slow to take the headline, so the post is still in flight when shutdown starts.
        slack.delayNext("chat.postMessage", 300);
        HttpResponse<String> ack = app.postPayload(SlackPayloads.viewSubmission(ASKER,
                SlackPayloads.newDecisionMetadata(CHANNEL), SlackPayloads.djangoAnswers(), "Customer portal"));
        assertEquals(200, ack.statusCode(), ack.body());
        int postedBeforeStop = slack.calls("chat.postMessage").size();

        app.server.stop(Duration.ofSeconds(10));

        assertTrue(postedBeforeStop < 2, "the thread reply was already posted before shutdown began, so the test "
                + "proved nothing: " + slack.methods());
        List<FakeSlackApi.Call> posts = slack.calls("chat.postMessage");
        assertEquals(2, posts.size(), "headline and thread reply, posted before stop returned: " + slack.methods());
        FakeSlackApi.Call parent = posts.get(0);
        FakeSlackApi.Call reply = posts.get(1);
        assertNull(parent.param("thread_ts"));
        assertTrue(slack.answeredOk(parent) && slack.answeredOk(reply));
        assertEquals(slack.answerTo(parent).path("ts").asText(), reply.param("thread_ts"));
    }

    @Test
    void a_request_being_answered_when_stop_begins_still_gets_its_answer() throws Exception {
        // The slash command's ack waits for views.open; Slack is slow to answer it.
        slack.delayNext("views.open", 2000);
        CompletableFuture<HttpResponse<String>> ack =
                CompletableFuture.supplyAsync(() -> app.post(SlackPayloads.slashCommand("Customer portal")));
        slack.await("views.open", 1, Duration.ofSeconds(5));
        assertFalse(ack.isDone(), "answered before stop began, so the test would prove nothing");

        app.server.stop(Duration.ofSeconds(5));

        HttpResponse<String> answered = ack.get(5, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode(), answered.body());
        assertTrue(slack.answeredOk(slack.calls("views.open").get(0)), slack.methods().toString());
    }

    @Test
    void a_stopped_server_no_longer_accepts_connections() {
        int port = app.server.port();
        assertEquals(200, app.requests.get("/health").statusCode());

        app.finishPosting();

        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }, "port " + port + " still accepts connections after stop");
    }

    @Test
    void stop_gives_up_after_the_grace_period_when_slack_hangs_and_says_so() {
        try (LogCapture logs = LogCapture.start()) {
            slack.delayNext("chat.postMessage", 3_000);
            app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                    SlackPayloads.djangoAnswers(), null));
            slack.await("chat.postMessage", 1, Duration.ofSeconds(5));
            long start = System.nanoTime();

            app.server.stop(Duration.ofMillis(500));

            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis < 2_500, "stop took " + tookMillis + " ms with a 500 ms grace");
            assertEquals(1, logs.events(e -> e.message().contains("shutdown_incomplete")).size(),
                    "the operator is told that a post was cut off");
        }
    }
}
