package com.frameworkadvisor;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.StartupException;
import com.frameworkadvisor.store.Database;
import com.frameworkadvisor.store.DatabaseUrl;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bot token and the signing secret never reach a log line, an exception, an HTTP answer, {@code /health} or
 * a printed {@link Settings}: the whole flow runs with every log event captured at the configured levels.
 */
class SecretsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String APP_TOKEN = "xapp-1-A0TEST-1234567890-app-token-never-printed";
    private static final String DB_PASSWORD = "db-password-never-printed";
    /** The secrets, and distinctive parts of them, so that a truncated or re-encoded leak is caught too. */
    private static final List<String> SECRETS = List.of(FakeSlackApi.BOT_TOKEN, "0000000000-fake-bot-token",
            SignedRequests.SIGNING_SECRET, "8f14e45fceea167a5a36dedd4bea2543", APP_TOKEN,
            "1234567890-app-token-never-printed", DB_PASSWORD);

    /** Everything the app said, each with where it was said, to search for secrets. */
    private final List<String[]> said = new ArrayList<>();

    private HttpResponse<String> heard(String what, HttpResponse<String> response) {
        said.add(new String[] {"HTTP answer to " + what, response.statusCode() + " " + response.headers().map()
                + " " + response.body()});
        return response;
    }

    private void assertNoSecretIn(List<String[]> texts) {
        for (String[] text : texts) {
            for (String secret : SECRETS) {
                assertFalse(text[1].contains(secret), "a secret (" + secret.substring(0, 8) + "…) in " + text[0]
                        + ": " + text[1]);
            }
        }
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "a secret (" + secret.substring(0, 8) + "…) in " + where + ": "
                    + text);
        }
    }

    private static String submission(String user, String metadata, Map<String, String> answers) {
        return SignedRequests.payloadForm(SlackPayloads.viewSubmission(user, metadata, answers, "Customer portal")
                .toString());
    }

    @Test
    void the_whole_flow_with_faults_never_shows_a_secret_in_logs_answers_or_health() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi();
             LogCapture logs = LogCapture.start();
             TestApp app = TestApp.start(slack, Map.of(), false)) {
            // Ask, decide, re-answer.
            heard("the slash command", app.post(SlackPayloads.slashCommand("Customer portal")));
            slack.await("views.open", 1, WAIT);
            heard("a submission", app.post(submission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                    SlackPayloads.djangoAnswers())));
            FakeSlackApi.Call parent = slack.await("chat.postMessage", 2, WAIT).get(0);
            String parentTs = slack.answerTo(parent).path("ts").asText();
            heard("a Re-answer click", app.postPayload(SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, parentTs,
                    reanswerButtonValue(parent))));
            JsonNode modal = slack.await("views.open", 2, WAIT).get(1).json("view");
            heard("a re-answer submission", app.post(submission("U0TEAMMATE",
                    modal.path("private_metadata").asText(), SlackPayloads.answers(Map.of("admin_ui", "no",
                            "auth", "no", "api_only", "yes", "outlook", "keep_small")))));
            slack.await("chat.update", 1, WAIT);

            // Refused requests: a wrong signature, a replay, a malformed payload.
            String body = submission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL), SlackPayloads.djangoAnswers());
            String now = Long.toString(Instant.now().getEpochSecond());
            heard("a wrongly signed request", app.requests.send(body, SignedRequests.FORM, Map.of(
                    "X-Slack-Request-Timestamp", now,
                    "X-Slack-Signature", SignedRequests.signature("not-the-signing-secret", now, body))));
            heard("a replayed request", app.requests.postAged(body, Duration.ofMinutes(10)));
            heard("a malformed payload", app.post("payload=%7Bnot-json"));

            // Faults: a 500 that is retried, a channel the bot is not in, an expired trigger, a revoked token.
            slack.statusNext("chat.postMessage", 500);
            heard("a submission Slack fails once", app.post(submission(ASKER,
                    SlackPayloads.newDecisionMetadata("C0RETRIED"), SlackPayloads.djangoAnswers())));
            slack.await("chat.postMessage", c -> "C0RETRIED".equals(c.param("channel")), 3, WAIT);
            slack.denyChannel("C0PRIVATE", "not_in_channel");
            heard("a submission for a channel the bot is not in", app.post(submission(ASKER,
                    SlackPayloads.newDecisionMetadata("C0PRIVATE"), SlackPayloads.djangoAnswers())));
            slack.await("chat.postMessage", c -> ("D" + ASKER).equals(c.param("channel")), 2, WAIT);
            slack.failNext("views.open", "expired_trigger_id");
            heard("a slash command too late for its trigger", app.post(SlackPayloads.slashCommand("")));
            slack.failNext("chat.postMessage", "token_revoked");
            heard("a submission after the token was revoked", app.post(submission(ASKER,
                    SlackPayloads.newDecisionMetadata(CHANNEL), SlackPayloads.djangoAnswers())));
            logs.await(e -> e.message().contains("configuration_error"), 1, WAIT);
            HttpResponse<String> health = heard("GET /health", app.requests.get("/health"));
            assertEquals("misconfigured", MAPPER.readTree(health.body()).path("status").asText(), health.body());
            app.finishPosting();

            // The flow really ran: each of these outcomes was logged.
            for (String outcome : List.of("decision_posted", "request_refused", "slack_retry", "decision_sent_as_dm",
                    "modal_not_opened", "configuration_error", "decision_delivery_delayed")) {
                assertFalse(logs.events(e -> e.message().contains(outcome)).isEmpty(), outcome + " was logged");
            }
            assertTrue(logs.events(e -> e.level() == Level.WARN || e.level() == Level.ERROR).size() >= 3);
            assertNoSecretIn(said);
            for (LogCapture.Event event : logs.events()) {
                assertNoSecretIn("the log", event.fullText());
            }
            assertNoSecretIn("printed settings", TestApp.settings(slack, Map.of()).toString());
        }
    }

    private static String reanswerButtonValue(FakeSlackApi.Call parent) {
        for (JsonNode block : parent.json("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if ("reanswer".equals(element.path("action_id").asText())) {
                    return element.path("value").asText();
                }
            }
        }
        throw new AssertionError("no Re-answer button in " + parent.param("blocks"));
    }

    @Test
    void printed_settings_show_no_token_secret_or_database_password() {
        Settings settings = Settings.fromEnvironment(Map.of(
                "SLACK_BOT_TOKEN", FakeSlackApi.BOT_TOKEN,
                "SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET,
                "SLACK_APP_TOKEN", APP_TOKEN,
                "DATABASE_URL", "postgres://advisor:" + DB_PASSWORD + "@db.example:5432/advisor"));

        assertNoSecretIn("Settings.toString()", settings.toString());
        assertNoSecretIn("DatabaseUrl.toString()", DatabaseUrl.parse(settings.databaseUrl()).toString());
    }

    @Test
    void a_missing_signing_secret_is_named_without_printing_the_bot_token() {
        Settings.InvalidSettingsException e = assertThrows(Settings.InvalidSettingsException.class,
                () -> Settings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", FakeSlackApi.BOT_TOKEN,
                        "SLACK_APP_TOKEN", APP_TOKEN)));

        assertTrue(e.getMessage().contains("SLACK_SIGNING_SECRET"), e.getMessage());
        assertNoSecretIn("the exception", e.getMessage());
        assertNoSecretIn("the problems", e.problems().toString());
    }

    @Test
    void a_missing_bot_token_is_named_without_printing_the_signing_secret() {
        Settings.InvalidSettingsException e = assertThrows(Settings.InvalidSettingsException.class,
                () -> Settings.fromEnvironment(Map.of("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET)));

        assertTrue(e.getMessage().contains("SLACK_BOT_TOKEN"), e.getMessage());
        assertNoSecretIn("the exception", e.getMessage());
    }

    @Test
    void tokens_of_the_wrong_kind_are_named_without_echoing_their_values() {
        String userToken = "xoxp-user-token-never-printed-4242";
        String botTokenAsAppToken = "xoxb-in-the-wrong-variable-never-printed";
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", userToken);
        env.put("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET);
        env.put("SLACK_APP_TOKEN", botTokenAsAppToken);

        Settings.InvalidSettingsException e = assertThrows(Settings.InvalidSettingsException.class,
                () -> Settings.fromEnvironment(env));

        assertTrue(e.getMessage().contains("SLACK_BOT_TOKEN") && e.getMessage().contains("SLACK_APP_TOKEN"),
                e.getMessage());
        assertFalse(e.getMessage().contains(userToken), e.getMessage());
        assertFalse(e.getMessage().contains(botTokenAsAppToken), e.getMessage());
        assertNoSecretIn("the exception", e.getMessage());
    }

    @Test
    void a_bot_token_slack_rejects_stops_start_up_without_printing_it() {
        String rejected = "xoxb-rejected-token-never-printed-7777";
        try (FakeSlackApi slack = new FakeSlackApi(); LogCapture logs = LogCapture.start()) {
            Settings settings = TestApp.settings(slack, Map.of("SLACK_BOT_TOKEN", rejected,
                    "DATABASE_URL", "jdbc:h2:mem:secrets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
            try (Database store = Database.open(DatabaseUrl.parse(settings.databaseUrl()))) {
                AdvisorApp app = AdvisorApp.create(settings, TestApp.bank(), store, new CompositeMeterRegistry());

                StartupException e = assertThrows(StartupException.class, app::start);

                assertTrue(e.getMessage().contains("SLACK_BOT_TOKEN"), e.getMessage());
                assertFalse(e.getMessage().contains(rejected), e.getMessage());
                assertFalse(e.getMessage().contains("never-printed"), e.getMessage());
                for (LogCapture.Event event : logs.events()) {
                    assertFalse(event.fullText().contains("never-printed"), event.fullText());
                }
                assertEquals(Optional.of("Bearer " + rejected),
                        Optional.ofNullable(slack.calls("auth.test").get(0).authorization()),
                        "the rejected token was the one sent to Slack");
            }
        }
    }
}
