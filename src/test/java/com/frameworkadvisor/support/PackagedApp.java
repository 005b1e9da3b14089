package com.frameworkadvisor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The packaged jar ({@code target/framework-advisor.jar}, built in {@code package}) as a process of its own, started
 * as the README's run command does ({@code java -Dfile.encoding=UTF-8 -jar}), against a {@link FakeSlackApi}, with
 * its standard output and error in a log file. For the process-level tests ({@code *IT}) that stop or kill it.
 */
public final class PackagedApp implements AutoCloseable {
    /** A cold JVM opening its database: well under this, even on a loaded machine. */
    public static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedNanos;

    private PackagedApp(Process process, int port, Path log, long startedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** The jar under test: the system property {@code advisor.jar} (set by failsafe), else the default path. */
    public static Path jar() {
        return Path.of(System.getProperty("advisor.jar", "target/framework-advisor.jar")).toAbsolutePath();
    }

    /** Where the process-level tests leave their logs and reports: beside the jar, in {@code target/}. */
    public static Path reports(String name) {
        Path folder = jar().getParent().resolve("it-logs").resolve(name);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the jar on a free port against {@code slack}, with the database at {@code databaseUrl}, the process's
     * output appended to {@code log}, and only the environment given here (plus {@code PATH}), so that a variable
     * of the machine running the tests cannot change what the app does.
     *
     * @param extra more environment variables, e.g. {@code SLACK_API_TIMEOUT_MS}
     */
    public static PackagedApp start(FakeSlackApi slack, String databaseUrl, Path log, Map<String, String> extra) {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: these tests run in mvn verify, after package");
        }
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("PORT", String.valueOf(port));
        env.put("SLACK_BOT_TOKEN", FakeSlackApi.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET);
        env.put("SLACK_API_URL", slack.url());
        env.put("DATABASE_URL", databaseUrl);
        env.putAll(extra);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-jar", jar.toString());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            long started = System.nanoTime();
            return new PackagedApp(builder.start(), port, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code GET /health} answers 200; fails at once if the process exits first. */
    public PackagedApp awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        Waits.atMost(START).pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                .failFast(() -> {
                    // Its log is read when it has exited, not when the wait is built (before it wrote anything).
                    if (!process.isAlive()) {
                        throw new AssertionError("the app exited before /health answered 200; its log:\n" + tail());
                    }
                })
                .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return this;
    }

    /** Signed requests to this process, as Slack sends them. */
    public SignedRequests requests() {
        return new SignedRequests(port);
    }

    public Process process() {
        return process;
    }

    /** When the process was started, in {@link System#nanoTime()}. */
    public long startedNanos() {
        return startedNanos;
    }

    /** Waits up to {@code timeout} for the process to exit; its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the app did not exit within " + timeout + "; its log:\n" + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the app to exit", e);
        }
        return process.exitValue();
    }

    /** Everything the process (and any earlier one with the same log file) wrote. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the log, for failure messages. */
    public String tail() {
        String all = log();
        return all.length() <= 6_000 ? all : "…" + all.substring(all.length() - 6_000);
    }

    /** Kills the process if it still runs (a test that failed half-way must not leave it behind). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
