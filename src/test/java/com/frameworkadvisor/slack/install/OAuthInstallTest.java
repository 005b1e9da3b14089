package com.frameworkadvisor.slack.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.store.JdbcInstallations;
import com.frameworkadvisor.store.TokenCipher;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.TestDatabase;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Installing the app in many workspaces through Slack's OAuth v2 flow, against the fake Slack: the install page,
 * the state bound to the browser and used once, each workspace's requests carrying its own token, tokens encrypted
 * at rest, restarts, uninstalls and token rotation. H2, and PostgreSQL when {@code TEST_DATABASE_URL} is set.
 */
class OAuthInstallTest {
    private static final String DATABASES = "com.frameworkadvisor.support.TestDatabase#all";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern STATE = Pattern.compile("state=([A-Za-z0-9-]+)");
    private static final String ALPHA = "T0ALPHA";
    private static final String BETA = "T0BETA";

    private static Map<String, String> distributed(String databaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_CLIENT_ID", FakeSlackApi.CLIENT_ID);
        env.put("SLACK_CLIENT_SECRET", FakeSlackApi.CLIENT_SECRET);
        env.put("TOKEN_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(KEY));
        env.put("DATABASE_URL", databaseUrl);
        return env;
    }

    /** A browser starting an install: the state in the page's link, and the cookie the page set. */
    private record Started(String state, String cookie) {
    }

    private static Started startInstall(TestApp app) {
        HttpResponse<String> page = app.requests.get("/slack/install");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Add to Slack"), page.body());
        Matcher state = STATE.matcher(page.body());
        assertTrue(state.find(), "the authorize link carries a state: " + page.body());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(cookie.startsWith("slack-app-oauth-state="), cookie);
        return new Started(state.group(1), cookie);
    }

    private static HttpResponse<String> finish(TestApp app, Started started, String code, String cookie) {
        Map<String, String> headers = cookie == null ? Map.of() : Map.of("Cookie", cookie);
        return app.requests.get("/slack/oauth_redirect?code=" + code + "&state=" + started.state(), headers);
    }

    private static void install(TestApp app, String team) {
        Started started = startInstall(app);
        HttpResponse<String> done = finish(app, started, app.slack.offerInstall(team, "Team " + team),
                started.cookie());
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Framework Advisor is installed"), done.body());
    }

    private static String slashCommandFrom(String team, String responseUrl) {
        return SlackPayloads.slashCommand("Customer portal").replace("team_id=" + FakeSlackApi.TEAM_ID,
                "team_id=" + team).replace("response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0TEST%2F1%2Fabc",
                "response_url=" + java.net.URLEncoder.encode(responseUrl, StandardCharsets.UTF_8));
    }

    private static ObjectNode submissionFrom(String team) {
        ObjectNode payload = SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                SlackPayloads.newDecisionMetadata(SlackPayloads.CHANNEL), SlackPayloads.djangoAnswers(), "Portal");
        payload.with("team").put("id", team);
        payload.with("user").put("team_id", team);
        return payload;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void two_workspaces_install_and_each_ones_requests_and_posts_use_its_own_token(TestDatabase database) {
        try (TestApp app = TestApp.start(new FakeSlackApi(), distributed(database.newUrl()), true)) {
            install(app, ALPHA);
            install(app, BETA);

            for (String team : List.of(ALPHA, BETA)) {
                assertEquals(200, app.post(slashCommandFrom(team, app.slack.responseUrl())).statusCode());
                assertEquals(200, app.postPayload(submissionFrom(team)).statusCode());
            }

            List<FakeSlackApi.Call> modals = app.slack.await("views.open", 2, WAIT);
            assertEquals(List.of(ALPHA, BETA), modals.stream().map(c -> workspaceOf(app, c)).toList());
            List<FakeSlackApi.Call> parents = app.slack.await("chat.postMessage", c -> c.param("thread_ts") == null,
                    2, WAIT);
            assertEquals(2, parents.stream().map(c -> workspaceOf(app, c)).distinct().count(),
                    "each workspace's decision posted with its own token");
            assertTrue(app.slack.calls().stream().noneMatch(c -> FakeSlackApi.BOT_TOKEN.equals(token(c))),
                    "no call with a token of the single-workspace kind");
        }
    }

    private static String token(FakeSlackApi.Call call) {
        return call.authorization() == null ? null : call.authorization().replace("Bearer ", "");
    }

    private static String workspaceOf(TestApp app, FakeSlackApi.Call call) {
        return app.slack.workspaceOf(token(call));
    }

    @Test
    void a_forged_a_reused_and_another_browsers_state_are_refused_and_no_code_is_exchanged() {
        try (TestApp app = TestApp.start(new FakeSlackApi(), distributed(TestDatabase.all().findFirst().orElseThrow()
                .newUrl()), true)) {
            Started mine = startInstall(app);
            Started theirs = startInstall(app);

            HttpResponse<String> noCookie = finish(app, mine, app.slack.offerInstall(ALPHA, "A"), null);
            HttpResponse<String> otherBrowser = finish(app, mine, app.slack.offerInstall(ALPHA, "A"),
                    theirs.cookie());
            HttpResponse<String> forged = finish(app, new Started("forged-state", "slack-app-oauth-state="
                    + "forged-state"), app.slack.offerInstall(ALPHA, "A"), "slack-app-oauth-state=forged-state");

            for (HttpResponse<String> refused : List.of(noCookie, otherBrowser, forged)) {
                assertEquals(400, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("expired or was already used"), refused.body());
                assertTrue(refused.body().contains("/slack/install"), "says how to start again: " + refused.body());
            }
            assertEquals(List.of(), app.slack.calls("oauth.v2.access"), "no code was exchanged");

            assertEquals(200, finish(app, mine, app.slack.offerInstall(ALPHA, "A"), mine.cookie()).statusCode());
            HttpResponse<String> reused = finish(app, mine, app.slack.offerInstall(ALPHA, "A"), mine.cookie());

            assertEquals(400, reused.statusCode(), "a state works once: " + reused.body());
            assertEquals(1, app.slack.calls("oauth.v2.access").size());
        }
    }

    @Test
    void a_cancelled_install_says_nothing_was_installed() {
        try (TestApp app = TestApp.start(new FakeSlackApi(), distributed(TestDatabase.all().findFirst().orElseThrow()
                .newUrl()), true)) {
            Started started = startInstall(app);

            HttpResponse<String> cancelled = app.requests.get("/slack/oauth_redirect?error=access_denied&state="
                    + started.state(), Map.of("Cookie", started.cookie()));

            assertEquals(200, cancelled.statusCode());
            assertTrue(cancelled.body().contains("cancelled"), cancelled.body());
            assertEquals(List.of(), app.slack.calls("oauth.v2.access"));
        }
    }

    @Test
    void a_workspace_without_an_installation_is_told_to_install_and_nothing_is_called_with_another_token() {
        try (TestApp app = TestApp.start(new FakeSlackApi(), distributed(TestDatabase.all().findFirst().orElseThrow()
                .newUrl()), true)) {
            install(app, ALPHA);

            HttpResponse<String> command = app.post(slashCommandFrom("T0NOWHERE", app.slack.responseUrl()));
            HttpResponse<String> submission = app.postPayload(submissionFrom("T0NOWHERE"));

            assertEquals(200, command.statusCode(), command.body());
            FakeSlackApi.Call guide = app.slack.await(FakeSlackApi.RESPONSE_URL, 1, WAIT).get(0);
            assertTrue(guide.param("body").contains("installed in this workspace yet"), guide.param("body"));
            assertEquals(401, submission.statusCode(), submission.body());
            app.finishPosting();
            assertEquals(List.of(), app.slack.calls("views.open"));
            assertEquals(List.of(), app.slack.calls("chat.postMessage"));
        }
    }

    @Test
    void installations_survive_a_restart_and_no_token_is_stored_or_logged_in_plain_text(@TempDir Path dir)
            throws IOException {
        String url = "jdbc:h2:file:" + dir.resolve("advisor").toAbsolutePath();
        try (FakeSlackApi slack = new FakeSlackApi(); LogCapture logs = LogCapture.start()) {
            try (TestApp first = TestApp.start(slack, distributed(url), false)) {
                install(first, ALPHA);
            }
            String token = slack.calls("oauth.v2.access").stream().map(slack::answerTo)
                    .map(a -> a.path("access_token").asText()).findFirst().orElseThrow();

            try (TestApp restarted = TestApp.start(slack, distributed(url), false)) {
                assertEquals(200, restarted.post(slashCommandFrom(ALPHA, slack.responseUrl())).statusCode());

                assertEquals("Bearer " + token, slack.await("views.open", 1, WAIT).get(0).authorization());
            }
            for (Path file : files(dir)) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(token), "the token in plain text in " + file);
                assertFalse(bytes.contains(FakeSlackApi.CLIENT_SECRET), "the client secret in " + file);
            }
            for (LogCapture.Event event : logs.events()) {
                for (String secret : List.of(token, FakeSlackApi.CLIENT_SECRET,
                        Base64.getEncoder().encodeToString(KEY))) {
                    assertFalse(event.fullText().contains(secret), "a secret in the log: " + event.fullText());
                }
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void an_uninstall_removes_the_installation_and_the_workspaces_decisions_once_even_when_redelivered(
            TestDatabase database) {
        try (LogCapture logs = LogCapture.start();
             TestApp app = TestApp.start(new FakeSlackApi(), distributed(database.newUrl()), true)) {
            install(app, ALPHA);
            install(app, BETA);
            app.postPayload(submissionFrom(ALPHA));
            app.postPayload(submissionFrom(BETA));
            app.slack.await("chat.postMessage", c -> c.param("thread_ts") == null, 2, WAIT);
            Waits.atMost(WAIT).until(() -> app.store.recentInChannel(ALPHA, SlackPayloads.CHANNEL, 5).size() == 1
                    && app.store.recentInChannel(BETA, SlackPayloads.CHANNEL, 5).size() == 1);

            String event = uninstalled(ALPHA);
            assertEquals(200, app.requests.post(event, "application/json").statusCode());
            Waits.atMost(WAIT).until(() -> app.store.recentInChannel(ALPHA, SlackPayloads.CHANNEL, 5).isEmpty());
            JdbcInstallations installations = installations(app);
            Waits.atMost(WAIT).until(() -> installations.find(Optional.empty(), Optional.of(ALPHA)).isEmpty());
            Waits.atMost(WAIT).until(() -> !logs.events(e -> e.message().startsWith("app_uninstalled ")).isEmpty());
            assertEquals(200, redeliver(app, event).statusCode(), "redelivered after the data is gone");

            assertEquals(1, app.store.recentInChannel(BETA, SlackPayloads.CHANNEL, 5).size(), "the other stays");
            assertTrue(installations.find(Optional.empty(), Optional.of(BETA)).isPresent());
            int before = app.slack.calls("views.open").size();
            app.post(slashCommandFrom(ALPHA, app.slack.responseUrl()));
            app.slack.await(FakeSlackApi.RESPONSE_URL, 1, WAIT);
            assertEquals(before, app.slack.calls("views.open").size(), "an uninstalled workspace is not served");
            app.finishPosting();
            assertEquals(1, logs.events(e -> e.message().startsWith("app_uninstalled ")
                    && e.message().contains("team=" + ALPHA)).size(), "handled once, though Slack sent it twice");
            assertEquals(1, logs.events(e -> e.message().startsWith("event_redelivery_ignored ")
                    && e.message().contains("type=app_uninstalled")).size(), "the redelivery was recognised");
        }
    }

    @Test
    void a_revoked_bot_token_removes_the_installation() {
        try (TestApp app = TestApp.start(new FakeSlackApi(), distributed(TestDatabase.all().findFirst().orElseThrow()
                .newUrl()), true)) {
            install(app, ALPHA);
            JdbcInstallations installations = installations(app);
            assertTrue(installations.find(Optional.empty(), Optional.of(ALPHA)).isPresent(), "installed before");

            String event = "{\"token\":\"x\",\"team_id\":\"" + ALPHA + "\",\"api_app_id\":\"A0TEST\",\"event\":{"
                    + "\"type\":\"tokens_revoked\",\"tokens\":{\"oauth\":[],\"bot\":[\"UBOT" + ALPHA + "\"]}},"
                    + "\"type\":\"event_callback\",\"event_id\":\"EvREVOKED1\",\"event_time\":1700000000}";
            assertEquals(200, app.requests.post(event, "application/json").statusCode());

            Waits.atMost(WAIT).until(() -> installations.find(Optional.empty(), Optional.of(ALPHA)).isEmpty());
        }
    }

    @Test
    void with_token_rotation_an_expiring_token_is_renewed_once_and_the_new_one_used() {
        // The installed token expires within the renewal margin; the renewed one lasts as Slack's do (12 hours).
        FakeSlackApi slack = new FakeSlackApi().rotateTokens(60);
        try (TestApp app = TestApp.start(slack, distributed(TestDatabase.all().findFirst().orElseThrow().newUrl()),
                true)) {
            install(app, ALPHA);
            slack.rotateTokens(Duration.ofHours(12).toSeconds());
            String first = slack.answerTo(slack.calls("oauth.v2.access").get(0)).path("access_token").asText();

            assertEquals(200, app.post(slashCommandFrom(ALPHA, slack.responseUrl())).statusCode());

            List<FakeSlackApi.Call> exchanges = slack.calls("oauth.v2.access");
            assertEquals("refresh_token", exchanges.get(exchanges.size() - 1).param("grant_type"),
                    "a token expiring within the renewal margin is renewed before use");
            String renewed = slack.answerTo(exchanges.get(exchanges.size() - 1)).path("access_token").asText();
            assertNotEquals(first, renewed);
            assertEquals("Bearer " + renewed, slack.await("views.open", 1, WAIT).get(0).authorization());
            assertEquals(1, exchanges.stream().filter(c -> "refresh_token".equals(c.param("grant_type"))).count(),
                    "renewed once");
            assertEquals(Optional.of(renewed), installations(app).find(Optional.empty(), Optional.of(ALPHA))
                    .map(i -> i.botToken()), "the renewed token is stored");
        }
    }

    private static JdbcInstallations installations(TestApp app) {
        return new JdbcInstallations(app.database(), new TokenCipher(KEY), Clock.systemUTC());
    }

    private static String uninstalled(String team) {
        return "{\"token\":\"x\",\"team_id\":\"" + team + "\",\"api_app_id\":\"A0TEST\",\"event\":{\"type\":"
                + "\"app_uninstalled\"},\"type\":\"event_callback\",\"event_id\":\"EvUNINSTALL" + team
                + "\",\"event_time\":1700000000}";
    }

    private static HttpResponse<String> redeliver(TestApp app, String event) {
        Map<String, String> headers = new HashMap<>(app.requests.signedHeaders(event));
        headers.put("X-Slack-Retry-Num", "1");
        headers.put("X-Slack-Retry-Reason", "http_timeout");
        return app.requests.send(event, "application/json", headers);
    }
}
