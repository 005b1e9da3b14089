package com.frameworkadvisor.slack.webapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.frameworkadvisor.slack.render.BlockKit;
import com.frameworkadvisor.slack.render.SlackMessage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The Web API client's retry policy against a mocked transport, on a clock that only moves when the client waits:
 * every wait is recorded instead of slept, so these tests take milliseconds.
 */
@ExtendWith(MockitoExtension.class)
class WebApiRetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mock
    private WebApiTransport transport;

    private static final String TOKEN = "xoxb-retry-test";
    private final ManualClock clock = new ManualClock();
    private final SlackHealth health = new SlackHealth();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WebApi api;

    /** A monotonic clock that advances by exactly what the client sleeps. */
    private static final class ManualClock implements RetryClock {
        final List<Long> sleeps = new ArrayList<>();
        long nanos = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            nanos += millis * 1_000_000;
        }
    }

    @BeforeEach
    void start() {
        api = new WebApi(transport, BotTokens.single(TOKEN), health, Runnable::run, clock, meters);
    }

    @Test
    void a_429_waits_exactly_as_long_as_retry_after_says_then_succeeds() throws Exception {
        when(transport.post(eq("chat.update"), any(), eq("Bearer " + TOKEN)))
                .thenReturn(answer(429, "3", "{\"ok\":false,\"error\":"
                + "\"ratelimited\"}"), ok());

        api.updateMessage("C0GENERAL", "1.2", message());

        assertEquals(List.of(3000L), clock.sleeps);
        verify(transport, times(2)).post(eq("chat.update"), any(), any());
    }

    @Test
    void each_call_is_timed_by_method_and_outcome_and_each_retry_counted_with_its_reason() throws Exception {
        when(transport.post(eq("chat.update"), any(), eq("Bearer " + TOKEN)))
                .thenReturn(answer(429, "1", ""), answer(503, null, ""),
                ok());
        when(transport.post(eq("chat.postMessage"), any(), eq("Bearer " + TOKEN)))
                .thenReturn(answer(200, null, "{\"ok\":false,"
                + "\"error\":\"msg_too_long\"}"));

        api.updateMessage("C0GENERAL", "1.2", message());
        assertThrows(SlackCallException.class, () -> api.postMessage("C0GENERAL", null, message()));

        Timer updates = meters.get("slack.api.calls").tags("method", "chat.update", "outcome", "ok").timer();
        assertEquals(1, updates.count());
        assertEquals(1000 + clock.sleeps.get(1), (long) updates.totalTime(TimeUnit.MILLISECONDS),
                "timed on the retry clock, waits included");
        assertEquals(1, meters.get("slack.api.calls").tags("method", "chat.postMessage", "outcome", "error")
                .timer().count());
        assertEquals(1.0, meters.get("slack.api.retries").tags("method", "chat.update", "reason", "rate_limited")
                .counter().count());
        assertEquals(1.0, meters.get("slack.api.retries").tags("method", "chat.update", "reason", "server_error")
                .counter().count());
    }

    @Test
    void server_errors_back_off_exponentially_with_jitter_up_to_the_attempt_limit() throws Exception {
        when(transport.post(eq("chat.update"), any(), eq("Bearer " + TOKEN))).thenReturn(answer(503, null, ""));

        SlackCallException e = assertThrows(SlackCallException.class,
                () -> api.updateMessage("C0GENERAL", "1.2", message()));

        assertEquals(SlackCallException.Kind.UNAVAILABLE, e.kind());
        verify(transport, times(WebApi.Budget.BACKGROUND.attempts())).post(eq("chat.update"), any(), any());
        assertEquals(WebApi.Budget.BACKGROUND.attempts() - 1, clock.sleeps.size());
        long backoff = WebApi.Budget.BACKGROUND.firstBackoff().toMillis();
        for (long sleep : clock.sleeps) {
            assertTrue(sleep >= backoff / 2 && sleep <= backoff, sleep + " ms for a back-off of " + backoff);
            backoff *= 2;
        }
    }

    @Test
    void no_retry_starts_after_the_deadline() throws Exception {
        when(transport.post(eq("chat.update"), any(), eq("Bearer " + TOKEN))).thenReturn(answer(429, "40", ""));

        assertThrows(SlackCallException.class, () -> api.updateMessage("C0GENERAL", "1.2", message()));

        assertEquals(List.of(), clock.sleeps, "a 40 s wait would end past the 30 s deadline");
        verify(transport, times(1)).post(eq("chat.update"), any(), any());
    }

    @Test
    void a_rejected_token_is_not_retried_and_marks_the_app_misconfigured() throws Exception {
        when(transport.post(eq("chat.update"), any(), eq("Bearer " + TOKEN)))
                .thenReturn(answer(200, null, "{\"ok\":false,\"error\":"
                + "\"invalid_auth\"}"));

        SlackCallException e = assertThrows(SlackCallException.class,
                () -> api.updateMessage("C0GENERAL", "1.2", message()));

        assertEquals(SlackCallException.Kind.CONFIGURATION, e.kind());
        assertEquals(List.of(), clock.sleeps);
        assertTrue(health.problem().orElseThrow().contains("invalid_auth"), health.problem().toString());
    }

    @Test
    void a_post_that_timed_out_after_it_was_sent_is_not_repeated_lest_it_show_twice() throws Exception {
        when(transport.post(eq("chat.postMessage"), any(), eq("Bearer " + TOKEN)))
                .thenThrow(new InterruptedIOException("timeout"));

        SlackCallException e = assertThrows(SlackCallException.class,
                () -> api.postMessage("C0GENERAL", null, message()));

        assertEquals(SlackCallException.NO_ANSWER, e.error());
        verify(transport, times(1)).post(eq("chat.postMessage"), any(), any());
    }

    @Test
    void a_post_that_could_not_connect_is_retried_since_it_never_reached_slack() throws Exception {
        when(transport.post(eq("chat.postMessage"), any(), eq("Bearer " + TOKEN)))
                .thenThrow(new ConnectException("refused"))
                .thenReturn(answer(200, null, "{\"ok\":true,\"ts\":\"1.5\"}"));

        String ts = api.postMessage("C0GENERAL", null, message());

        assertEquals("1.5", ts);
        assertEquals(1, clock.sleeps.size());
    }

    @Test
    void an_update_that_timed_out_is_repeated_because_repeating_it_is_harmless() throws Exception {
        when(transport.post(eq("chat.update"), any(), eq("Bearer " + TOKEN)))
                .thenThrow(new InterruptedIOException("timeout"))
                .thenReturn(ok());

        api.updateMessage("C0GENERAL", "1.2", message());

        verify(transport, times(2)).post(eq("chat.update"), any(), any());
    }

    private static SlackMessage message() {
        return new SlackMessage("text", BlockKit.array(), BlockKit.object());
    }

    private static WebApiTransport.Answer ok() throws IOException {
        return answer(200, null, "{\"ok\":true}");
    }

    private static WebApiTransport.Answer answer(int status, String retryAfter, String body) throws IOException {
        JsonNode json = body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
        return new WebApiTransport.Answer(status, retryAfter, json);
    }
}
