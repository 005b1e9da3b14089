package com.frameworkadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's benchmark: starts the packaged app as a separate process exactly as the {@code Procfile} does, with
 * a lean fake Slack Web API on loopback, drives signed slash commands and modal submissions at 1, 8 and 32
 * concurrent clients, and reports cold start, ack latency, throughput, time to the first post, resident memory
 * and where the CPU went. Run with {@code mvn -B -q -Pbench -DskipTests verify} (README, Performance).
 */
public final class Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] CONCURRENCY = {1, 8, 32};
    /** Requests per scenario and concurrency: fixed counts, each run also capped in time. */
    private static final Map<Integer, Integer> REQUESTS = Map.of(1, 500, 8, 4000, 32, 6000);
    private static final Duration TIME_CAP = Duration.ofSeconds(30);
    private static final int WARM_UP = 2000;
    private static final Path RESULTS = Path.of("bench-results");

    private final FastFakeSlack slack = new FastFakeSlack();
    private final AtomicInteger sequence = new AtomicInteger();
    private int port;
    private Process app;

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.close();
        }
    }

    private void run() throws Exception {
        Path jar = Path.of("target/framework-advisor.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/framework-advisor.jar is missing: run mvn -B package first");
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("date", Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        report.put("command", String.join(" ", procfileCommand()));

        // Cold start: spawn → /health 200, spawn → first slash command ack.
        ObjectNode cold = report.putObject("cold_start_ms");
        long spawned = spawn();
        double health = -1;
        double firstAck = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (health < 0 || firstAck < 0)) {
            if (health < 0 && once(c -> get(c, "/health")) == 200) {
                health = millisSince(spawned);
            }
            if (firstAck < 0 && once(c -> post(c, slashCommand())) == 200) {
                firstAck = millisSince(spawned);
            }
            if (health < 0 || firstAck < 0) {
                Thread.sleep(2);
            }
        }
        cold.put("health", round(health));
        cold.put("first_slash_ack", round(firstAck));
        Thread.sleep(1000);
        long idleRss = rssKb("VmRSS");
        report.putObject("memory_mb").put("idle_rss", idleRss / 1024.0);

        // Warm-up, then measure each scenario.
        runLoad("slash", 8, WARM_UP, this::slashCommand);
        runLoad("submission", 8, WARM_UP, this::submission);
        waitForPosts();
        slack.reset();
        long appCpuBefore = cpuTicks(app.pid());
        long selfCpuBefore = cpuTicks(ProcessHandle.current().pid());
        ArrayNode results = report.putArray("scenarios");
        // -Dbench.scenarios=slash runs one scenario alone, for a profile of it (README, Performance).
        for (String scenario : System.getProperty("bench.scenarios", "slash,submission").split(",")) {
            for (int concurrency : CONCURRENCY) {
                slack.reset();
                Load load = runLoad(scenario, concurrency, REQUESTS.get(concurrency),
                        scenario.equals("slash") ? this::slashCommand : this::submission);
                ObjectNode result = load.toJson();
                if (scenario.equals("submission")) {
                    waitForPosts();
                    double[] toPost = slack.firstPostLatenciesMillis(load.sentAt);
                    result.put("to_first_post_p50_ms", round(percentile(toPost, 50)));
                    result.put("to_first_post_p99_ms", round(percentile(toPost, 99)));
                    result.put("posted", toPost.length);
                }
                results.add(result);
            }
        }
        long appCpu = cpuTicks(app.pid()) - appCpuBefore;
        long selfCpu = cpuTicks(ProcessHandle.current().pid()) - selfCpuBefore;
        ObjectNode memory = (ObjectNode) report.get("memory_mb");
        memory.put("peak_rss", rssKb("VmHWM") / 1024.0);
        ObjectNode cpu = report.putObject("cpu_share");
        cpu.put("app", round(100.0 * appCpu / Math.max(1, appCpu + selfCpu)));
        cpu.put("fake_slack_and_load_client", round(100.0 * selfCpu / Math.max(1, appCpu + selfCpu)));

        Files.createDirectories(RESULTS);
        Path latest = RESULTS.resolve("latest.json");
        Path previous = RESULTS.resolve("previous.json");
        if (Files.exists(latest)) {
            Files.move(latest, previous, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(latest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        System.out.println(markdown(report, Files.exists(previous) ? JSON.readTree(previous.toFile()) : null));
        System.out.println("Report written to " + latest + (Files.exists(previous) ? " (previous run: " + previous
                + ")" : ""));
    }

    /** The web command of the Procfile, run as it is, with the JVM path of this machine. */
    private static List<String> procfileCommand() throws IOException {
        String line = Files.readAllLines(Path.of("Procfile")).stream().filter(l -> l.startsWith("web:"))
                .findFirst().orElseThrow(() -> new IllegalStateException("Procfile has no web process"));
        List<String> command = new ArrayList<>(Arrays.asList(line.substring("web:".length()).strip().split("\\s+")));
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return command;
    }

    private long spawn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("advisor-bench");
        ProcessBuilder builder = new ProcessBuilder(procfileCommand());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-bench-token");
        builder.environment().put("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET);
        builder.environment().put("SLACK_API_URL", slack.url());
        builder.environment().put("DATABASE_URL", "jdbc:h2:file:" + data.resolve("bench").toAbsolutePath());
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        app = builder.start();
        return start;
    }

    private String slashCommand() {
        return SlackPayloads.slashCommand("/framework", "Bench project", SlackPayloads.ASKER, SlackPayloads.CHANNEL);
    }

    private String submission() {
        return submission(sequence.incrementAndGet());
    }

    /** A submission whose channel names it, so the fake can tell when its first post arrived. */
    private String submission(int n) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("admin_ui", "yes");
        answers.put("auth", "yes");
        answers.put("api_only", "no");
        answers.put("team_experience", "under_2_years");
        answers.put("outlook", "crud_auth_admin");
        for (String id : List.of("lifetime", "scope_growth", "persistence", "project_type", "realtime", "scale")) {
            answers.put(id, "unsure");
        }
        String metadata = "{\"channel\":\"" + channel(n) + "\"}";
        return SignedRequests.payloadForm(SlackPayloads.viewSubmission(SlackPayloads.ASKER, metadata, answers,
                "Bench").toString());
    }

    static String channel(int n) {
        return "CB" + Integer.toString(n, 36).toUpperCase();
    }

    /** The measurements of one scenario at one concurrency. */
    private static final class Load {
        final String scenario;
        final int concurrency;
        final double[] latenciesMillis;
        final double seconds;
        final int errors;
        final Map<String, Long> sentAt;

        Load(String scenario, int concurrency, double[] latenciesMillis, double seconds, int errors,
             Map<String, Long> sentAt) {
            this.scenario = scenario;
            this.concurrency = concurrency;
            this.latenciesMillis = latenciesMillis;
            this.seconds = seconds;
            this.errors = errors;
            this.sentAt = sentAt;
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("scenario", scenario).put("concurrency", concurrency).put("requests", latenciesMillis.length)
                    .put("errors", errors).put("seconds", round(seconds))
                    .put("throughput_rps", round(latenciesMillis.length / seconds))
                    .put("p50_ms", round(percentile(latenciesMillis, 50)))
                    .put("p90_ms", round(percentile(latenciesMillis, 90)))
                    .put("p99_ms", round(percentile(latenciesMillis, 99)));
            return node;
        }
    }

    @FunctionalInterface
    private interface Body {
        String next();
    }

    private Load runLoad(String scenario, int concurrency, int count, Body body) throws InterruptedException {
        double[] latencies = new double[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + TIME_CAP.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        CountDownLatch finished = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.execute(() -> {
                try (LoadConnection connection = new LoadConnection("127.0.0.1", port)) {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                        String request;
                        String channel = null;
                        if (scenario.equals("submission")) {
                            int n = sequence.incrementAndGet();
                            channel = channel(n);
                            request = submission(n);
                        } else {
                            request = body.next();
                        }
                        long sent = System.nanoTime();
                        if (channel != null) {
                            sentAt.put(channel, sent);
                        }
                        int status = post(connection, request);
                        latencies[i] = (System.nanoTime() - sent) / 1e6;
                        done.incrementAndGet();
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        return new Load(scenario, concurrency, Arrays.copyOf(latencies, Math.min(done.get(), count)), seconds,
                errors.get(), sentAt);
    }

    private void waitForPosts() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = slack.posts.get();
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(300);
        }
    }

    /** Signs and posts a Slack request, as Slack does; the status, or -1 when the connection failed. */
    private int post(LoadConnection connection, String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String[] headers = {"Content-Type", SignedRequests.FORM, "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", SignedRequests.signature(SignedRequests.SIGNING_SECRET, timestamp, body)};
        try {
            return connection.send("POST", "/slack/events", headers, body.getBytes(StandardCharsets.UTF_8)).status();
        } catch (IOException e) {
            return -1;
        }
    }

    private int get(LoadConnection connection, String path) {
        try {
            return connection.send("GET", path, new String[0], new byte[0]).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** One request on a connection of its own, as while waiting for the app to start. */
    private int once(ToIntFunction<LoadConnection> request) {
        try (LoadConnection connection = new LoadConnection("127.0.0.1", port)) {
            return request.applyAsInt(connection);
        }
    }

    private long rssKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** utime + stime of a process, in clock ticks, from /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return -1;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String markdown(JsonNode report, JsonNode previous) {
        StringBuilder md = new StringBuilder();
        md.append("| figure | value |").append(previous == null ? "" : " previous |").append('\n');
        md.append("|---|---|").append(previous == null ? "" : "---|").append('\n');
        row(md, "cold start: spawn → /health (ms)", report.at("/cold_start_ms/health"),
                previous == null ? null : previous.at("/cold_start_ms/health"));
        row(md, "cold start: spawn → first slash ack (ms)", report.at("/cold_start_ms/first_slash_ack"),
                previous == null ? null : previous.at("/cold_start_ms/first_slash_ack"));
        for (JsonNode s : report.get("scenarios")) {
            String name = s.get("scenario").asText() + " @" + s.get("concurrency").asInt();
            JsonNode before = null;
            if (previous != null) {
                for (JsonNode p : previous.get("scenarios")) {
                    if (p.get("scenario").equals(s.get("scenario"))
                            && p.get("concurrency").equals(s.get("concurrency"))) {
                        before = p;
                    }
                }
            }
            row(md, name + ": p50 / p90 / p99 (ms)", text(s.get("p50_ms") + " / " + s.get("p90_ms") + " / "
                    + s.get("p99_ms")), before == null ? null : text(before.get("p50_ms") + " / "
                    + before.get("p90_ms") + " / " + before.get("p99_ms")));
            row(md, name + ": throughput (req/s), errors", text(s.get("throughput_rps") + ", " + s.get("errors")),
                    before == null ? null : text(before.get("throughput_rps") + ", " + before.get("errors")));
            if (s.has("to_first_post_p99_ms")) {
                row(md, name + ": submission → first post p50 / p99 (ms)", text(s.get("to_first_post_p50_ms")
                        + " / " + s.get("to_first_post_p99_ms")), before == null || !before.has("to_first_post_p99_ms")
                        ? null : text(before.get("to_first_post_p50_ms") + " / " + before.get("to_first_post_p99_ms")));
            }
        }
        row(md, "resident memory idle / peak (MB)", text(report.at("/memory_mb/idle_rss").asDouble() + " / "
                + report.at("/memory_mb/peak_rss").asDouble()), previous == null ? null
                : text(previous.at("/memory_mb/idle_rss").asDouble() + " / " + previous.at("/memory_mb/peak_rss")
                .asDouble()));
        row(md, "CPU share: app / fake Slack + load client (%)", text(report.at("/cpu_share/app") + " / "
                + report.at("/cpu_share/fake_slack_and_load_client")), null);
        return md.toString();
    }

    private static JsonNode text(String value) {
        return JSON.getNodeFactory().textNode(value);
    }

    private static void row(StringBuilder md, String name, JsonNode value, JsonNode previous) {
        md.append("| ").append(name).append(" | ").append(value.isTextual() ? value.asText() : value.toString())
                .append(" |");
        if (previous != null) {
            md.append(' ').append(previous.isTextual() ? previous.asText() : previous.toString()).append(" |");
        }
        md.append('\n');
    }

    private void close() {
        if (app != null) {
            app.destroy();
            try {
                app.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            app.destroyForcibly();
        }
        slack.close();
    }

    /**
     * A fake Slack Web API that does as little as possible: fixed answers, counters, and the arrival time of the
     * first chat.postMessage per channel. It must never be the bottleneck (its CPU share is reported).
     */
    private static final class FastFakeSlack implements AutoCloseable {
        private static final Pattern CHANNEL = Pattern.compile("(?:^|&)channel=([^&]+)");
        private final Javalin server;
        private final Map<String, Long> firstPost = new ConcurrentHashMap<>();
        final AtomicLong posts = new AtomicLong();
        private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);

        FastFakeSlack() {
            server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.routes.post("/api/{method}", this::handle);
            }).start("127.0.0.1", 0);
        }

        String url() {
            return "http://127.0.0.1:" + server.port() + "/api/";
        }

        void reset() {
            firstPost.clear();
        }

        private void handle(Context ctx) {
            String method = ctx.pathParam("method");
            ctx.contentType("application/json; charset=utf-8");
            switch (method) {
                case "auth.test" -> ctx.result("{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\","
                        + "\"user\":\"advisor\",\"team_id\":\"T0BENCH\",\"user_id\":\"UBOT0001\",\"bot_id\":\"B0\"}");
                case "views.open" -> ctx.result("{\"ok\":true,\"view\":{\"id\":\"V0BENCH\"}}");
                case "chat.postMessage" -> {
                    long now = System.nanoTime();
                    posts.incrementAndGet();
                    Matcher channel = CHANNEL.matcher(ctx.body());
                    if (channel.find()) {
                        firstPost.putIfAbsent(channel.group(1), now);
                    }
                    long value = ts.incrementAndGet();
                    ctx.result("{\"ok\":true,\"channel\":\"C0\",\"ts\":\"" + value / 1_000_000 + "."
                            + String.format("%06d", value % 1_000_000) + "\"}");
                }
                default -> ctx.result("{\"ok\":true}");
            }
        }

        double[] firstPostLatenciesMillis(Map<String, Long> sentAt) {
            List<Double> latencies = new ArrayList<>();
            sentAt.forEach((channel, sent) -> {
                Long posted = firstPost.get(channel);
                if (posted != null) {
                    latencies.add((posted - sent) / 1e6);
                }
            });
            return latencies.stream().mapToDouble(Double::doubleValue).toArray();
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
