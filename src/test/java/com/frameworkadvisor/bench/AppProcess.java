package com.frameworkadvisor.bench;

import com.frameworkadvisor.support.SignedRequests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * The packaged app as a separate process, started with the {@code Procfile}'s web command, and signed requests to
 * it as Slack sends them. Used by the benchmark and by the class-data-sharing training run.
 */
final class AppProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/framework-advisor.jar");
    private static final String HOST = "127.0.0.1";
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Process process;
    private final int port;
    private final long spawnedAt;
    private final Path data;

    private AppProcess(Process process, int port, long spawnedAt, Path data) {
        this.process = process;
        this.port = port;
        this.spawnedAt = spawnedAt;
        this.data = data;
    }

    /**
     * The web command of the Procfile, as it is, with the JVM path of this machine: any {@code NAME=value} words
     * before {@code java} set the environment, as the shell that runs a Procfile does.
     */
    static List<String> procfileCommand() throws IOException {
        String line = Files.readAllLines(Path.of("Procfile")).stream().filter(l -> l.startsWith("web:"))
                .findFirst().orElseThrow(() -> new IllegalStateException("Procfile has no web process"));
        List<String> command = new ArrayList<>(Arrays.asList(line.substring("web:".length()).strip().split("\\s+")));
        command.set(command.indexOf("java"), JAVA);
        return command;
    }

    /** Starts this app with {@code command}, a Procfile line, talking to {@code slackUrl}. */
    static AppProcess start(List<String> command, String slackUrl) throws IOException {
        return start(Launch.ours(command), slackUrl, ProcessBuilder.Redirect.DISCARD);
    }

    /**
     * Starts an app as {@code launch} says, talking to {@code slackUrl}, with a new embedded database (which the
     * peer ignores), its output to {@code output}.
     */
    static AppProcess start(Launch launch, String slackUrl, ProcessBuilder.Redirect output) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("advisor-bench");
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
        builder.environment().putAll(launch.environment());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-bench-token");
        builder.environment().put("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET);
        builder.environment().put("SLACK_API_URL", slackUrl);
        builder.environment().put("DATABASE_URL", "jdbc:h2:file:" + data.resolve("bench").toAbsolutePath());
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(output);
        long start = System.nanoTime();
        try {
            return new AppProcess(builder.start(), port, start, data);
        } catch (IOException e) {
            deleteTree(data);
            throw e;
        }
    }

    long spawnedAt() {
        return spawnedAt;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    LoadConnection connect() {
        return new LoadConnection(HOST, port);
    }

    /** Signs and posts a Slack request, as Slack does; the status, or -1 when the connection failed. */
    int post(LoadConnection connection, String body) {
        return send(connection, signedPost(body));
    }

    /**
     * A Slack request to the app, signed now as Slack signs it: the app accepts it for five minutes, so a load can
     * be signed before it is timed.
     */
    byte[] signedPost(String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String[] headers = {"Content-Type", SignedRequests.FORM, "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", SignedRequests.signature(SignedRequests.SIGNING_SECRET, timestamp, body)};
        return LoadConnection.request(HOST, port, "POST", "/slack/events", headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request made by {@link #signedPost}; the status, or -1 when the connection failed. */
    int send(LoadConnection connection, byte[] request) {
        try {
            return connection.send(request).status();
        } catch (IOException e) {
            return -1;
        }
    }

    int get(LoadConnection connection, String path) {
        try {
            return connection.send("GET", path, new String[0], new byte[0]).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** One request on a connection of its own, as while waiting for the app to start. */
    int once(ToIntFunction<LoadConnection> request) {
        try (LoadConnection connection = connect()) {
            return request.applyAsInt(connection);
        }
    }

    /** A field of /proc/PID/status, such as VmRSS or VmHWM, in kB. */
    long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /**
     * Stops the app as a platform does (SIGTERM), waiting for it to exit, and deletes its database; the exit code.
     */
    int stop() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        } finally {
            deleteTree(data);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Each run's database is several megabytes: left in the temporary directory, runs add up to gigabytes. */
    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
