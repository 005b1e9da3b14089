package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Slack Web API calls this app makes, with retries: HTTP 429 waits for {@code Retry-After}; 5xx, connection
 * errors, timeouts and Slack's transient {@code ok:false} errors back off exponentially with jitter, within a
 * deadline. Other {@code ok:false} errors are classified in {@link SlackCallException}.
 */
final class SlackApi {
    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");

    /**
     * How hard to try one call.
     *
     * @param attempts the most attempts, the first included
     * @param firstBackoff the wait before the second attempt; it doubles each time, with jitter
     * @param deadline no retry starts after this much time since the first attempt
     */
    record Budget(int attempts, Duration firstBackoff, Duration deadline) {
        /** For work that blocks an ack: Slack's 3-second window leaves room for one quick retry at most. */
        static final Budget INTERACTIVE = new Budget(2, Duration.ofMillis(150), Duration.ofMillis(1500));
        /** For posting after the ack: a few attempts over up to half a minute. */
        static final Budget BACKGROUND = new Budget(5, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T run(MethodsClient client) throws IOException, SlackApiException;
    }

    private final MethodsClient client;
    private final SlackHealth health;
    private final Executor afterAck;

    /** @param afterAck where notes that must not delay an ack are sent from */
    SlackApi(MethodsClient client, SlackHealth health, Executor afterAck) {
        this.client = client;
        this.health = health;
        this.afterAck = afterAck;
    }

    /** Posts a message (in a thread when {@code threadTs} is given) and returns its {@code ts}. */
    String postMessage(String channel, String threadTs, SlackMessage message) throws SlackCallException {
        return call("chat.postMessage", Budget.BACKGROUND, NOT_IDEMPOTENT, c -> c.chatPostMessage(r -> r
                .channel(channel)
                .threadTs(threadTs)
                .text(message.text())
                .blocksAsString(message.blocks().toString())
                .metadataAsString(message.metadata().toString())
                .unfurlLinks(false)
                .unfurlMedia(false))).getTs();
    }

    void updateMessage(String channel, String ts, SlackMessage message) throws SlackCallException {
        call("chat.update", Budget.BACKGROUND, c -> c.chatUpdate(r -> r
                .channel(channel)
                .ts(ts)
                .text(message.text())
                .blocksAsString(message.blocks().toString())
                .metadataAsString(message.metadata().toString())));
    }

    void postEphemeral(String channel, String user, String text) throws SlackCallException {
        call("chat.postEphemeral", Budget.BACKGROUND, c -> c.chatPostEphemeral(r -> r
                .channel(channel).user(user).text(text)));
    }

    /**
     * An ephemeral note that may fail without consequence: where the bot cannot see the conversation, or the
     * main message already went out. A failure is logged, never thrown.
     */
    void tell(String channel, String user, String text) {
        try {
            postEphemeral(channel, user, text);
        } catch (SlackCallException e) {
            log.info("ephemeral_failed channel={} error={}", channel, e.error());
        }
    }

    /** {@link #tell}, sent after the ack so it never delays it (a request thread must answer Slack first). */
    void tellAfterAck(String channel, String user, String text) {
        try {
            afterAck.execute(() -> tell(channel, user, text));
        } catch (RejectedExecutionException e) {
            log.warn("ephemeral_dropped reason=busy channel={}", channel);
        }
    }

    /** Opens (or finds) the direct message conversation with a user and returns its channel id. */
    String openDirectMessage(String user) throws SlackCallException {
        return call("conversations.open", Budget.BACKGROUND, c -> c.conversationsOpen(r -> r.users(List.of(user))))
                .getChannel().getId();
    }

    /** Publishes a user's App Home tab. */
    void publishHome(String user, JsonNode view) throws SlackCallException {
        call("views.publish", Budget.BACKGROUND, c -> c.viewsPublish(r -> r.userId(user)
                .viewAsString(view.toString())));
    }

    /** Opens a modal. Runs before the ack, so it gets the interactive budget. */
    void openView(String triggerId, JsonNode view) throws SlackCallException {
        call("views.open", Budget.INTERACTIVE, c -> c.viewsOpen(r -> r.triggerId(triggerId)
                .viewAsString(view.toString())));
    }

    <T extends SlackApiTextResponse> T call(String method, Budget budget, Call<T> call) throws SlackCallException {
        return call(method, budget, IDEMPOTENT, call);
    }

    /** Whether a call may be repeated after it was sent but its answer never came. */
    private static final boolean IDEMPOTENT = true;
    private static final boolean NOT_IDEMPOTENT = false;

    private <T extends SlackApiTextResponse> T call(String method, Budget budget, boolean idempotent, Call<T> call)
            throws SlackCallException {
        long start = System.nanoTime();
        long deadline = start + budget.deadline().toNanos();
        long backoff = budget.firstBackoff().toMillis();
        String lastProblem = "no attempt";
        for (int attempt = 1; attempt <= budget.attempts(); attempt++) {
            long waitMillis;
            try {
                T response = call.run(client);
                if (response.isOk()) {
                    return response;
                }
                if (!TRANSIENT_ERRORS.contains(response.getError())) {
                    SlackCallException failure = SlackCallException.of(method, response.getError());
                    if (failure.kind() == SlackCallException.Kind.CONFIGURATION) {
                        health.configurationProblem(method, failure.error());
                    }
                    throw failure;
                }
                lastProblem = "ok:false " + response.getError();
                waitMillis = jitter(backoff);
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                if (status == 429) {
                    lastProblem = "HTTP 429";
                    waitMillis = retryAfterMillis(e, backoff);
                } else if (status >= 500) {
                    lastProblem = "HTTP " + status;
                    waitMillis = jitter(backoff);
                } else {
                    String error = e.getError() != null && e.getError().getError() != null
                            ? e.getError().getError() : "http_" + status;
                    throw SlackCallException.of(method, error);
                }
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SlackCallException(method, "interrupted", SlackCallException.Kind.UNAVAILABLE);
                }
                boolean sent = e.getMessage() == null || !e.getMessage().toLowerCase(Locale.ROOT).contains("connect");
                if (sent && !idempotent) {
                    // The request reached Slack but no answer came: Slack may have posted it. Posting again could
                    // show the recommendation twice, and Slack has no idempotency key, so the caller decides.
                    log.warn("slack_no_answer method={} attempt={}", method, attempt);
                    throw new SlackCallException(method, SlackCallException.NO_ANSWER,
                            SlackCallException.Kind.UNAVAILABLE);
                }
                lastProblem = "timeout";
                waitMillis = jitter(backoff);
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
                waitMillis = jitter(backoff);
            }
            backoff *= 2;
            long now = System.nanoTime();
            if (attempt == budget.attempts() || now + waitMillis * 1_000_000 > deadline) {
                break;
            }
            log.info("slack_retry method={} attempt={} problem=\"{}\" wait_ms={}", method, attempt, lastProblem,
                    waitMillis);
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackCallException(method, "interrupted", SlackCallException.Kind.UNAVAILABLE);
            }
        }
        log.warn("slack_unavailable method={} problem=\"{}\" elapsed_ms={}", method, lastProblem,
                (System.nanoTime() - start) / 1_000_000);
        throw new SlackCallException(method, "unavailable: " + lastProblem, SlackCallException.Kind.UNAVAILABLE);
    }

    private static long retryAfterMillis(SlackApiException e, long fallback) {
        String header = e.getResponse().header("Retry-After");
        if (header != null) {
            try {
                return Math.max(0, Long.parseLong(header.strip())) * 1000;
            } catch (NumberFormatException ignored) {
                // Slack sends whole seconds; anything else falls back to our own backoff.
            }
        }
        return jitter(fallback);
    }

    /** Full jitter between half and the whole backoff, so many clients do not retry in step. */
    private static long jitter(long backoff) {
        return backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
    }
}
