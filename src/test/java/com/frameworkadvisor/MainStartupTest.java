package com.frameworkadvisor;

import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as a real process: start-up runs the database, the token check and the HTTP server at once, and
 * each of them must still stop the app with a clear message when it fails.
 */
class MainStartupTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void serves_health_once_started_and_exits_0_on_sigterm() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            int port = freePort();
            Process app = start(env(slack, FakeSlackApi.BOT_TOKEN, port, "jdbc:h2:file:" + data.resolve("db")));
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build();
                HttpResponse<String> health = Waits.atMost(START).pollInterval(Duration.ofMillis(50))
                        .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                        .failFast("the app exited before /health answered 200", () -> !app.isAlive())
                        .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()),
                                response -> response.statusCode() == 200);
                assertTrue(health.body().contains("\"ok\""), health.body());
                assertFalse(slack.calls("auth.test").isEmpty(), "the token was checked");
            } finally {
                app.destroy();
            }
            assertTrue(app.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, app.exitValue(), output(app));
        }
    }

    @Test
    void a_rejected_bot_token_stops_start_up_with_exit_2_and_says_what_to_do() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            Process app = start(env(slack, "xoxb-revoked-token", freePort(), "jdbc:h2:file:" + data.resolve("db")));

            String output = exitsWith2Saying(app, "Slack rejected SLACK_BOT_TOKEN");
            assertFalse(output.contains("xoxb-revoked-token"), "the token is never printed");
        }
    }

    @Test
    void an_unreachable_database_stops_start_up_with_exit_2_and_names_database_url() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            Process app = start(env(slack, FakeSlackApi.BOT_TOKEN, freePort(),
                    "postgres://advisor:s3cret-pw@127.0.0.1:" + freePort() + "/advisor"));

            String output = exitsWith2Saying(app, "Check DATABASE_URL");
            assertFalse(output.contains("s3cret-pw"), "the password is never printed");
        }
    }

    @Test
    void a_port_in_use_stops_start_up_with_exit_2_and_names_port() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(); ServerSocket busy = new ServerSocket(0)) {
            Process app = start(env(slack, FakeSlackApi.BOT_TOKEN, busy.getLocalPort(),
                    "jdbc:h2:file:" + data.resolve("db")));

            exitsWith2Saying(app, "port " + busy.getLocalPort() + " is in use");
        }
    }

    /** Waits for the app to stop on a setting's problem: exit code 2, and {@code message} in what it printed. */
    private String exitsWith2Saying(Process app, String message) throws Exception {
        assertTrue(app.waitFor(START.toSeconds(), TimeUnit.SECONDS), "exited");
        String output = output(app);
        assertEquals(2, app.exitValue(), output);
        assertTrue(output.contains(message), output);
        return output;
    }

    private Process start(Map<String, String> env) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dfile.encoding=UTF-8", "-cp",
                System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(data.resolve("output.txt").toFile());
        return builder.start();
    }

    private String output(Process app) throws IOException {
        return Files.readString(data.resolve("output.txt"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> env(FakeSlackApi slack, String token, int port, String databaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("SLACK_BOT_TOKEN", token);
        env.put("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET);
        env.put("SLACK_API_URL", slack.url());
        env.put("DATABASE_URL", databaseUrl);
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
