package com.frameworkadvisor.slack.webapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.frameworkadvisor.slack.render.Modal;
import com.frameworkadvisor.slack.render.SlackMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Slack Web API calls this app makes, with retries: HTTP 429 waits for {@code Retry-After}; 5xx, connection
 * errors, timeouts and Slack's transient {@code ok:false} errors back off exponentially with jitter, within a
 * deadline. Other {@code ok:false} errors are classified in {@link SlackCallException}. The HTTP underneath is
 * {@link WebApiTransport}.
 */
public final class WebApi {
    private static final Logger log = LoggerFactory.getLogger(WebApi.class);
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");

    /**
     * How hard to try one call.
     *
     * @param attempts the most attempts, the first included
     * @param firstBackoff the wait before the second attempt; it doubles each time, with jitter
     * @param deadline no retry starts after this much time since the first attempt
     */
    public record Budget(int attempts, Duration firstBackoff, Duration deadline) {
        /** For work that blocks an ack: Slack's 3-second window leaves room for one quick retry at most. */
        static final Budget INTERACTIVE = new Budget(2, Duration.ofMillis(150), Duration.ofMillis(1500));
        /** For posting after the ack: a few attempts over up to half a minute. */
        public static final Budget BACKGROUND = new Budget(5, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    private final WebApiTransport web;
    private final BotTokens tokens;
    /** The workspace whose token the calls carry; null for an app with one token for all. */
    private final String workspace;
    private final SlackHealth health;
    private final Executor afterAck;
    private final RetryClock clock;
    private final MeterRegistry meters;

    /**
     * @param tokens where each workspace's bot token comes from
     * @param afterAck where notes that must not delay an ack are sent from
     */
    public WebApi(WebApiTransport web, BotTokens tokens, SlackHealth health, Executor afterAck) {
        this(web, tokens, health, afterAck, RetryClock.SYSTEM, new CompositeMeterRegistry());
    }

    /**
     * @param clock the time retries wait on and are bounded by
     * @param meters where each call is counted and timed ({@code slack.api.calls} by method and outcome) and each
     *               retry counted ({@code slack.api.retries} by method and reason)
     */
    public WebApi(WebApiTransport web, BotTokens tokens, SlackHealth health, Executor afterAck, RetryClock clock,
                  MeterRegistry meters) {
        this(web, tokens, null, health, afterAck, clock, meters);
    }

    private WebApi(WebApiTransport web, BotTokens tokens, String workspace, SlackHealth health, Executor afterAck,
                   RetryClock clock, MeterRegistry meters) {
        this.web = web;
        this.tokens = tokens;
        this.workspace = workspace;
        this.health = health;
        this.afterAck = afterAck;
        this.clock = clock;
        this.meters = meters;
    }

    /** The same calls, made into {@code workspace} (a team id) with its bot token. */
    public WebApi in(String workspace) {
        return new WebApi(web, tokens, workspace, health, afterAck, clock, meters);
    }

    /** Posts a message (in a thread when {@code threadTs} is given) and returns its {@code ts}. */
    public String postMessage(String channel, String threadTs, SlackMessage message) throws SlackCallException {
        return call("chat.postMessage", Budget.BACKGROUND, NOT_IDEMPOTENT, message(message)
                .add("channel", channel)
                .add("thread_ts", threadTs)
                .add("unfurl_links", false)
                .add("unfurl_media", false)).path("ts").asText();
    }

    public void updateMessage(String channel, String ts, SlackMessage message) throws SlackCallException {
        call("chat.update", Budget.BACKGROUND, message(message).add("channel", channel).add("ts", ts));
    }

    private WebApiForm message(SlackMessage message) {
        return new WebApiForm()
                .add("text", message.text())
                .addJson("blocks", message.blocks())
                .addJson("metadata", message.metadata());
    }

    void postEphemeral(String channel, String user, String text) throws SlackCallException {
        call("chat.postEphemeral", Budget.BACKGROUND, new WebApiForm().add("channel", channel).add("user", user)
                .add("text", text));
    }

    /**
     * An ephemeral note that may fail without consequence: where the bot cannot see the conversation, or the
     * main message already went out. A failure is logged, never thrown.
     */
    public void tell(String channel, String user, String text) {
        try {
            postEphemeral(channel, user, text);
        } catch (SlackCallException e) {
            log.info("ephemeral_failed channel={} error={}", channel, e.error());
        }
    }

    /** {@link #tell}, sent after the ack so it never delays it (a request thread must answer Slack first). */
    public void tellAfterAck(String channel, String user, String text) {
        try {
            afterAck.execute(() -> tell(channel, user, text));
        } catch (RejectedExecutionException e) {
            log.warn("ephemeral_dropped reason=busy channel={}", channel);
        }
    }

    /** Opens (or finds) the direct message conversation with a user and returns its channel id. */
    public String openDirectMessage(String user) throws SlackCallException {
        return openDirectMessage(user, Budget.BACKGROUND);
    }

    /** {@link #openDirectMessage}, before an ack: the interactive budget, as a modal's trigger id expires soon. */
    public String openDirectMessageBeforeAck(String user) throws SlackCallException {
        return openDirectMessage(user, Budget.INTERACTIVE);
    }

    private String openDirectMessage(String user, Budget budget) throws SlackCallException {
        return call("conversations.open", budget, new WebApiForm().add("users", user)).path("channel").path("id")
                .asText();
    }

    /** Publishes a user's App Home tab. */
    public void publishHome(String user, JsonNode view) throws SlackCallException {
        call("views.publish", Budget.BACKGROUND, new WebApiForm().add("user_id", user).addJson("view", view));
    }

    /** Opens a modal. Runs before the ack, so it gets the interactive budget. */
    public void openView(String triggerId, Modal modal) throws SlackCallException {
        call("views.open", Budget.INTERACTIVE, new WebApiForm().add("trigger_id", triggerId)
                .addEncoded("view", modal.formEncoded()));
    }

    /** Calls a Web API method that is safe to repeat, and returns Slack's answer (its {@code ok} is true). */
    public JsonNode call(String method, Budget budget, WebApiForm form) throws SlackCallException {
        return call(method, budget, IDEMPOTENT, form);
    }

    /** Whether a call may be repeated after it was sent but its answer never came. */
    private static final boolean IDEMPOTENT = true;
    private static final boolean NOT_IDEMPOTENT = false;

    /**
     * Exchanges a refresh token for a new bot token ({@code oauth.v2.access}, {@code grant_type=refresh_token}),
     * authenticated as the app itself; the answer carries {@code access_token}, {@code refresh_token} and
     * {@code expires_in}.
     */
    public JsonNode refreshToken(String clientId, String clientSecret, String refreshToken)
            throws SlackCallException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        return call("oauth.v2.access", Budget.INTERACTIVE, NOT_IDEMPOTENT, new WebApiForm()
                .add("grant_type", "refresh_token").add("refresh_token", refreshToken), "Basic " + basic);
    }

    private JsonNode call(String method, Budget budget, boolean idempotent, WebApiForm form)
            throws SlackCallException {
        return call(method, budget, idempotent, form, "Bearer " + tokens.botToken(workspace));
    }

    private JsonNode call(String method, Budget budget, boolean idempotent, WebApiForm form, String authorization)
            throws SlackCallException {
        long start = clock.nanoTime();
        String outcome = "error";
        try {
            JsonNode answer = callWithRetries(method, budget, idempotent, form, authorization, start);
            outcome = "ok";
            return answer;
        } catch (SlackCallException e) {
            outcome = e.kind() != SlackCallException.Kind.UNAVAILABLE ? "error"
                    : SlackCallException.NO_ANSWER.equals(e.error()) ? "no_answer" : "unavailable";
            throw e;
        } finally {
            Timer.builder("slack.api.calls").description("Slack Web API calls, retries included, by outcome")
                    .tag("method", method).tag("outcome", outcome).register(meters)
                    .record(clock.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private JsonNode callWithRetries(String method, Budget budget, boolean idempotent, WebApiForm form,
                                     String authorization, long start) throws SlackCallException {
        long deadline = start + budget.deadline().toNanos();
        long backoff = budget.firstBackoff().toMillis();
        String lastProblem = "no attempt";
        String reason = "none";
        for (int attempt = 1; attempt <= budget.attempts(); attempt++) {
            long waitMillis;
            try {
                WebApiTransport.Answer answer = web.post(method, form, authorization);
                int status = answer.status();
                if (answer.ok()) {
                    return answer.body();
                } else if (status == 429) {
                    lastProblem = "HTTP 429";
                    reason = "rate_limited";
                    waitMillis = Backoff.retryAfterMillis(answer.retryAfter(), backoff);
                } else if (status >= 500) {
                    lastProblem = "HTTP " + status;
                    reason = "server_error";
                    waitMillis = Backoff.jitter(backoff);
                } else if (status == 200 && TRANSIENT_ERRORS.contains(answer.error())) {
                    lastProblem = "ok:false " + answer.error();
                    reason = "transient_error";
                    waitMillis = Backoff.jitter(backoff);
                } else {
                    String error = answer.error() != null ? answer.error()
                            : status == 200 ? "invalid_response" : "http_" + status;
                    SlackCallException failure = SlackCallException.of(method, error);
                    if (failure.kind() == SlackCallException.Kind.CONFIGURATION && !tokens.refused(workspace)) {
                        // The app's one token: the whole app is misconfigured (a workspace's own token is not).
                        health.configurationProblem(method, failure.error());
                    }
                    throw failure;
                }
            } catch (WebApiTransport.UnreadableAnswerException e) {
                if (!idempotent) {
                    throw noAnswer(method, attempt, "unreadable answer");
                }
                lastProblem = "unreadable answer";
                reason = "unreadable_answer";
                waitMillis = Backoff.jitter(backoff);
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SlackCallException(method, "interrupted", SlackCallException.Kind.UNAVAILABLE);
                }
                boolean sent = e.getMessage() == null || !e.getMessage().toLowerCase(Locale.ROOT).contains("connect");
                if (sent && !idempotent) {
                    throw noAnswer(method, attempt, "timeout");
                }
                lastProblem = "timeout";
                reason = "timeout";
                waitMillis = Backoff.jitter(backoff);
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
                reason = "network";
                waitMillis = Backoff.jitter(backoff);
            }
            backoff *= 2;
            long now = clock.nanoTime();
            if (attempt == budget.attempts() || now + waitMillis * 1_000_000 > deadline) {
                break;
            }
            log.info("slack_retry method={} attempt={} problem=\"{}\" wait_ms={}", method, attempt, lastProblem,
                    waitMillis);
            meters.counter("slack.api.retries", "method", method, "reason", reason).increment();
            try {
                clock.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackCallException(method, "interrupted", SlackCallException.Kind.UNAVAILABLE);
            }
        }
        log.warn("slack_unavailable method={} problem=\"{}\" elapsed_ms={}", method, lastProblem,
                (clock.nanoTime() - start) / 1_000_000);
        throw new SlackCallException(method, "unavailable: " + lastProblem, SlackCallException.Kind.UNAVAILABLE);
    }

    /**
     * The request reached Slack but no readable answer came: Slack may have acted on it. Repeating a post could
     * show the recommendation twice, and Slack has no idempotency key, so the caller decides.
     */
    private static SlackCallException noAnswer(String method, int attempt, String problem) {
        log.warn("slack_no_answer method={} attempt={} problem=\"{}\"", method, attempt, problem);
        return new SlackCallException(method, SlackCallException.NO_ANSWER, SlackCallException.Kind.UNAVAILABLE);
    }
}
