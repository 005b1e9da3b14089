package com.frameworkadvisor.slack;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.FakeSlackApi.Call;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.frameworkadvisor.support.BlockTrees.block;
import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults injected into the fake Slack Web API, driven through the real app over signed HTTP: every accepted
 * submission must end posted exactly once, delivered by the fallback, or logged as not delivered; never lost
 * silently and never posted twice.
 */
class SlackFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DM = "D" + ASKER;
    /** Far beyond the 300 ms read timeout the slow tests configure, so timing noise cannot blur the two. */
    private static final long SLOW_MILLIS = 2_000;

    private FakeSlackApi slack;
    private LogCapture logs;
    private TestApp app;

    @BeforeEach
    void startFakeSlack() {
        slack = new FakeSlackApi();
        logs = LogCapture.start();
    }

    @AfterEach
    void stopEverything() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            slack.close();
            logs.close();
        }
    }

    private void startApp(Map<String, String> extraEnv) {
        app = TestApp.start(slack, extraEnv, false);
    }

    /** Submits the Django answers for a new decision in {@link SlackPayloads#CHANNEL}; the ack must close the modal. */
    private void submitDecision() {
        HttpResponse<String> ack = app.postPayload(SlackPayloads.viewSubmission(ASKER,
                SlackPayloads.newDecisionMetadata(CHANNEL), SlackPayloads.djangoAnswers(), "Customer portal"));
        assertEquals(200, ack.statusCode(), ack.body());
        assertTrue(ack.body().isEmpty(), "a plain ack closes the modal: " + ack.body());
    }

    private List<Call> postsTo(String channel) {
        return slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    /** Exactly one headline reached {@code channel}, with exactly one explanation in its thread, and nothing more. */
    private void assertRecommendationPostedOnce(String channel) {
        List<Call> delivered = postsTo(channel).stream().filter(slack::answeredOk).toList();
        List<Call> parents = delivered.stream().filter(c -> c.param("thread_ts") == null).toList();
        assertEquals(1, parents.size(), "headlines delivered to " + channel + "; calls: " + slack.methods());
        String parentTs = slack.answerTo(parents.get(0)).path("ts").asText();
        List<Call> replies = delivered.stream().filter(c -> parentTs.equals(c.param("thread_ts"))).toList();
        assertEquals(1, replies.size(), "explanations delivered in the thread; calls: " + slack.methods());
        assertEquals(2, delivered.size(), "messages delivered to " + channel + "; calls: " + slack.methods());
        assertTrue(parents.get(0).param("text").contains("Django"), parents.get(0).param("text"));
    }

    private long millisBetween(Call earlier, Call later) {
        return (slack.receivedNanos(later) - slack.receivedNanos(earlier)) / 1_000_000;
    }

    @Test
    void a_post_answered_429_waits_for_retry_after_then_posts_the_recommendation_once() {
        slack.rateLimitNext("chat.postMessage", 1);
        startApp(Map.of());

        submitDecision();

        slack.await("chat.postMessage", 3, WAIT);
        app.finishPosting();
        List<Call> posts = slack.calls("chat.postMessage");
        assertEquals(3, posts.size(), "refused attempt, retried headline, explanation: " + slack.methods());
        Call refused = posts.get(0);
        Call retried = posts.get(1);
        assertFalse(slack.answeredOk(refused));
        assertEquals(refused.param("text"), retried.param("text"), "the retry sends the same headline");
        long gap = millisBetween(refused, retried);
        // Retry-After: 1 means one second; allow only for clock granularity.
        assertTrue(gap >= 990, "the retry came " + gap + " ms after the 429, before Retry-After allowed");
        assertRecommendationPostedOnce(CHANNEL);
    }

    @Test
    void a_post_answered_500_twice_is_retried_and_the_recommendation_posted_once() {
        slack.statusNext("chat.postMessage", 500).statusNext("chat.postMessage", 500);
        startApp(Map.of());

        submitDecision();

        slack.await("chat.postMessage", 4, WAIT);
        app.finishPosting();
        List<Call> posts = slack.calls("chat.postMessage");
        assertEquals(4, posts.size(), "two failures, the headline, the explanation: " + slack.methods());
        assertFalse(slack.answeredOk(posts.get(0)));
        assertFalse(slack.answeredOk(posts.get(1)));
        assertTrue(millisBetween(posts.get(0), posts.get(1)) > 0);
        assertRecommendationPostedOnce(CHANNEL);
    }

    /**
     * A read timeout does not mean Slack did nothing: here it posts the headline, only too late to tell the app.
     * Slack has no idempotency key, so the app cannot know; delivery is at least once, so the decision stays in the
     * outbox to be posted again later (the one window in which a duplicate is possible), and the log says why.
     * Not within the same attempt, though: the WebApi never repeats a post it may have made.
     */
    @Test
    void a_headline_slack_answers_after_the_read_timeout_stays_in_the_outbox_to_be_posted_again_later() {
        slack.delayNext("chat.postMessage", SLOW_MILLIS);
        startApp(Map.of("SLACK_API_TIMEOUT_MS", "300"));

        submitDecision();

        Call slow = slack.await("chat.postMessage", 1, WAIT).get(0);
        logs.await(e -> e.level() == Level.WARN && e.message().contains("decision_delivery_delayed"), 1, WAIT);
        app.finishPosting();
        awaitAnswered(slow);
        List<Call> headlines = postsTo(CHANNEL).stream().filter(c -> c.param("thread_ts") == null).toList();
        assertEquals(1, headlines.size(), "not repeated within the attempt: " + slack.methods());
        assertTrue(slack.answeredOk(headlines.get(0)), "Slack did post it, late");
        String line = logs.events(e -> e.message().contains("decision_delivery_delayed")).get(0).message();
        assertTrue(line.contains("channel=" + CHANNEL) && line.contains(SlackCallException.NO_ANSWER), line);
        assertEquals(1, app.deliveries.backlog().pending(), "kept for another attempt");
    }

    /**
     * A 200 whose body is not JSON (a proxy's error page, say) leaves it unknown whether Slack posted: not posted
     * again in the same attempt, and kept in the outbox for another.
     */
    @Test
    void a_headline_answered_with_something_other_than_json_stays_in_the_outbox_to_be_posted_again_later() {
        slack.script("chat.postMessage", new FakeSlackApi.Scripted(200, "<html>Bad gateway</html>", Map.of(), 0));
        startApp(Map.of());

        submitDecision();

        logs.await(e -> e.level() == Level.WARN && e.message().contains("decision_delivery_delayed"), 1, WAIT);
        app.finishPosting();
        assertEquals(1, slack.calls("chat.postMessage").size(), "not repeated within the attempt: "
                + slack.methods());
        assertEquals(1, app.deliveries.backlog().pending(), "kept for another attempt");
    }

    /** A call that may safely repeat (chat.update) is retried after a read timeout, and lands. */
    @Test
    void an_idempotent_call_slower_than_the_read_timeout_is_retried() {
        startApp(Map.of("SLACK_API_TIMEOUT_MS", "300"));
        app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                SlackPayloads.djangoAnswers(), null));
        Call parent = slack.await("chat.postMessage", 2, WAIT).get(0);
        JsonNode button = block(parent.json("blocks"), "decision_actions").path("elements")
                .get(0);
        String parentTs = slack.answerTo(parent).path("ts").asText();
        slack.delayNext("chat.update", SLOW_MILLIS);

        app.postPayload(SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, parentTs, button.path("value").asText()));
        String metadata = slack.await("views.open", 1, WAIT).get(0).json("view").path("private_metadata").asText();
        app.postPayload(SlackPayloads.viewSubmission("U0TEAMMATE", metadata, SlackPayloads.djangoAnswers(), null));

        List<Call> updates = slack.await("chat.update", 2, WAIT);
        assertTrue(millisBetween(updates.get(0), updates.get(1)) >= 300, "retried after the read timeout");
        assertTrue(slack.answeredOk(updates.get(1)));
    }

    /** Waits, polling, until the fake has answered {@code call} (a delayed call is answered late). */
    private void awaitAnswered(Call call) {
        Waits.atMost(WAIT).untilAsserted(() -> assertTrue(slack.answeredOk(call),
                "the fake has not answered " + call.method() + " yet"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ratelimited", "internal_error"})
    void a_transient_ok_false_error_is_retried_and_the_recommendation_posted_once(String error) {
        slack.failNext("chat.postMessage", error);
        startApp(Map.of());

        submitDecision();

        slack.await("chat.postMessage", 3, WAIT);
        app.finishPosting();
        List<Call> posts = slack.calls("chat.postMessage");
        assertEquals(3, posts.size(), slack.methods().toString());
        assertEquals(error, slack.answerTo(posts.get(0)).path("error").asText());
        assertRecommendationPostedOnce(CHANNEL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not_in_channel", "channel_not_found", "is_archived"})
    void a_channel_the_bot_cannot_post_in_gets_an_ephemeral_note_and_the_recommendation_as_a_dm(String error) {
        slack.denyChannel(CHANNEL, error);
        startApp(Map.of());

        submitDecision();

        slack.await("chat.postMessage", c -> DM.equals(c.param("channel")), 2, WAIT);
        app.finishPosting();
        assertEquals(1, postsTo(CHANNEL).size(), "a channel refusal is final, not retried: " + slack.methods());
        assertFalse(slack.answeredOk(postsTo(CHANNEL).get(0)));
        List<Call> notes = slack.calls("chat.postEphemeral");
        assertEquals(1, notes.size(), slack.methods().toString());
        assertEquals(CHANNEL, notes.get(0).param("channel"));
        assertEquals(ASKER, notes.get(0).param("user"));
        assertTrue(notes.get(0).param("text").contains("direct message"), notes.get(0).param("text"));
        List<Call> opens = slack.calls("conversations.open");
        assertEquals(1, opens.size());
        assertEquals(ASKER, opens.get(0).param("users"));
        assertRecommendationPostedOnce(DM);
        assertEquals(3, slack.calls("chat.postMessage").size(), "one refused attempt and the two DM messages, "
                + "nothing else: " + slack.methods());
        assertTrue(logs.errors("decision_not_delivered").isEmpty(), "the fallback delivered it");
    }

    @Test
    void an_expired_trigger_id_tells_the_user_to_run_the_command_again_and_posts_nothing() throws Exception {
        slack.failNext("views.open", "expired_trigger_id");
        startApp(Map.of());

        HttpResponse<String> ack = app.post(SlackPayloads.slashCommand("Customer portal"));

        assertEquals(200, ack.statusCode());
        JsonNode body = MAPPER.readTree(ack.body());
        assertTrue(body.path("text").asText().contains("run `/framework` again"), ack.body());
        assertNotEquals("in_channel", body.path("response_type").asText(), "the note is for the user only");
        app.finishPosting();
        assertEquals(1, slack.calls("views.open").size(), "a used-up trigger id cannot succeed on a retry");
        assertTrue(slack.calls("chat.postMessage").isEmpty(), slack.methods().toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invalid_auth", "token_revoked", "account_inactive"})
    void a_rejected_token_is_reported_by_health_and_logged_with_the_remedy(String error) throws Exception {
        slack.failNext("chat.postMessage", error);
        startApp(Map.of());
        assertEquals("ok", MAPPER.readTree(app.requests.get("/health").body()).path("status").asText());

        submitDecision();

        logs.await(e -> e.level() == Level.ERROR && e.message().contains("configuration_error"), 1, WAIT);
        HttpResponse<String> health = app.requests.get("/health");
        assertEquals(200, health.statusCode());
        JsonNode report = MAPPER.readTree(health.body());
        assertEquals("misconfigured", report.path("status").asText(), health.body());
        String problem = report.path("problem").asText();
        assertTrue(problem.contains(error), problem);
        assertTrue(problem.contains("SLACK_BOT_TOKEN") && problem.contains("reinstall"), "names the remedy: "
                + problem);
        assertFalse(health.body().contains(FakeSlackApi.BOT_TOKEN), health.body());
        assertFalse(health.body().contains(SignedRequests.SIGNING_SECRET), health.body());
        LogCapture.Event logged = logs.errors("configuration_error").get(0);
        assertTrue(logged.message().contains("SLACK_BOT_TOKEN") && logged.message().contains("reinstall"),
                logged.message());
        app.finishPosting();
        assertEquals(1, slack.calls("chat.postMessage").size(), "a bad token is not retried: " + slack.methods());
        assertEquals(1, app.deliveries.backlog().pending(), "the decision waits in the outbox for a good token");
    }

    @Test
    void once_slack_refuses_the_token_submissions_go_through_bolt_whose_refusal_keeps_the_answers_in_the_modal() {
        slack.failNext("chat.postMessage", "token_revoked");
        startApp(Map.of());
        submitDecision();
        logs.await(e -> e.level() == Level.ERROR && e.message().contains("configuration_error"), 1, WAIT);
        slack.failNext("auth.test", "token_revoked"); // Bolt's authorization asks at the first request it routes

        HttpResponse<String> ack = app.postPayload(SlackPayloads.viewSubmission(ASKER,
                SlackPayloads.newDecisionMetadata(CHANNEL), SlackPayloads.djangoAnswers(), "Customer portal"));

        assertEquals(401, ack.statusCode(), "Slack shows the user an error and keeps the modal open: " + ack.body());
        app.finishPosting();
        assertEquals(1, slack.calls("chat.postMessage").size(), "nothing more was posted: " + slack.methods());
        assertEquals(1, app.deliveries.backlog().pending(), "only the first decision waits to be posted");
    }

    @Test
    void slack_down_past_the_deadline_keeps_the_decision_in_the_outbox_and_posts_nothing() {
        for (int i = 0; i < 10; i++) {
            slack.statusNext("chat.postMessage", 500);
        }
        startApp(Map.of());

        submitDecision();

        logs.await(e -> e.level() == Level.WARN && e.message().contains("decision_delivery_delayed"), 1,
                Duration.ofSeconds(40));
        app.finishPosting();
        String line = logs.events(e -> e.message().contains("decision_delivery_delayed")).get(0).message();
        assertTrue(line.contains("channel=" + CHANNEL) && line.contains("user=" + ASKER), line);
        assertEquals(1, app.deliveries.backlog().pending(), "kept for another attempt");
        assertTrue(logs.errors("decision_not_delivered").isEmpty(), "not given up");
        List<Call> posts = slack.calls("chat.postMessage");
        assertTrue(posts.size() >= 2, "retried before giving up: " + slack.methods());
        assertTrue(posts.stream().noneMatch(slack::answeredOk), "nothing was posted");
        assertTrue(slack.calls("conversations.open").isEmpty(), "an outage is not a reason to DM");
    }

    @Test
    void a_request_slack_marks_as_a_redelivery_is_acknowledged_and_posts_nothing() {
        startApp(Map.of());
        String body = submissionBody();

        HttpResponse<String> redelivery = app.requests.send(body, SignedRequests.FORM, redeliveryHeaders(body));

        assertEquals(200, redelivery.statusCode(), redelivery.body());
        app.finishPosting();
        assertTrue(slack.calls("chat.postMessage").isEmpty(), slack.methods().toString());
    }

    @Test
    void slack_redelivering_a_submission_that_was_posted_does_not_post_it_twice() {
        startApp(Map.of());
        String body = submissionBody();
        HttpResponse<String> first = app.requests.post(body);
        assertEquals(200, first.statusCode());
        slack.await("chat.postMessage", 2, WAIT);

        HttpResponse<String> redelivery = app.requests.send(body, SignedRequests.FORM, redeliveryHeaders(body));

        assertEquals(200, redelivery.statusCode(), redelivery.body());
        app.finishPosting();
        assertEquals(2, slack.calls("chat.postMessage").size(), slack.methods().toString());
        assertRecommendationPostedOnce(CHANNEL);
    }

    private static String submissionBody() {
        return SignedRequests.payloadForm(SlackPayloads.viewSubmission(ASKER,
                SlackPayloads.newDecisionMetadata(CHANNEL), SlackPayloads.djangoAnswers(), "Customer portal")
                .toString());
    }

    /** Correctly signed, plus the headers Slack adds when it delivers a request again. */
    private Map<String, String> redeliveryHeaders(String body) {
        Map<String, String> headers = new HashMap<>(app.requests.signedHeaders(body));
        headers.put("X-Slack-Retry-Num", "1");
        headers.put("X-Slack-Retry-Reason", "http_timeout");
        return headers;
    }
}
