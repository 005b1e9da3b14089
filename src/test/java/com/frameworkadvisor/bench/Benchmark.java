package com.frameworkadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's benchmark: starts the packaged app as a separate process exactly as the {@code Procfile} does, with
 * a lean fake Slack Web API on loopback, drives signed slash commands and modal submissions at 1, 8 and 32
 * concurrent clients, and reports cold start, ack latency, throughput, time to the first post, resident memory
 * and where the CPU went. Run with {@code mvn -B -q -Pbench -DskipTests verify} (docs/performance.md).
 */
public final class Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] CONCURRENCY = {1, 8, 32};
    /** Requests per scenario and concurrency: fixed counts, each run also capped in time. */
    private static final Map<Integer, Integer> REQUESTS = Map.of(1, 500, 8, 4000, 32, 6000);
    private static final Duration TIME_CAP = Duration.ofSeconds(30);
    /** Requests of each kind before measuring; -Dbench.warmup=N for a longer one (a steady-state JIT). */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 2000);
    private static final int RUNS_DEFAULT = 3;
    private static final Path RESULTS = Path.of("bench-results");
    /** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
    private static final int CLOCK_TICKS = 100;

    private final FastFakeSlack slack;
    private final AtomicInteger sequence = new AtomicInteger();
    private AppProcess app;
    /** CPU while requests were timed (not while they were built and signed): app and this process, in ticks. */
    private long appTicks;
    private long selfTicks;
    private long fakeNanos;

    private Benchmark() throws IOException {
        slack = new FastFakeSlack();
    }

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.close();
        }
    }

    /**
     * Measures {@value #RUNS_DEFAULT} times (-Dbench.runs=N), each with a newly started app, and reports the median
     * of each figure, as the reference figures are: on a shared 2-core machine one run can be far off another.
     */
    private void run() throws Exception {
        int runs = Integer.getInteger("bench.runs", RUNS_DEFAULT);
        List<JsonNode> each = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            System.out.println("[INFO] benchmark run " + i + " of " + runs);
            each.add(measure());
            app.close();
            app = null;
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("date", Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        report.put("command", String.join(" ", AppProcess.procfileCommand()));
        report.put("runs", runs);
        report.put("figures", "median of the runs");
        ((ObjectNode) median(each)).fields().forEachRemaining(field -> report.set(field.getKey(), field.getValue()));
        report.putArray("each_run").addAll(each);

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

    /** The median of each number across reports of the same shape; any other value from the first. */
    static JsonNode median(List<JsonNode> reports) {
        JsonNode first = reports.get(0);
        if (first.isNumber()) {
            double[] values = reports.stream().mapToDouble(JsonNode::asDouble).sorted().toArray();
            int middle = values.length / 2;
            double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
            return first.isIntegralNumber() && median == Math.rint(median)
                    ? JSON.getNodeFactory().numberNode((long) median) : JSON.getNodeFactory().numberNode(round(median));
        }
        if (first.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            for (int i = 0; i < first.size(); i++) {
                int index = i;
                array.add(median(reports.stream().map(r -> r.get(index)).toList()));
            }
            return array;
        }
        if (first.isObject()) {
            ObjectNode object = JSON.createObjectNode();
            first.fieldNames().forEachRemaining(name -> object.set(name,
                    median(reports.stream().map(r -> r.get(name)).toList())));
            return object;
        }
        return first;
    }

    /** One run: a newly started app, its cold start, then every scenario. */
    private ObjectNode measure() throws Exception {
        ObjectNode report = JSON.createObjectNode();

        // Cold start: spawn → /health 200, spawn → first slash command ack.
        ObjectNode cold = report.putObject("cold_start_ms");
        app = AppProcess.start(AppProcess.procfileCommand(), slack.url());
        long spawned = app.spawnedAt();
        double health = -1;
        double firstAck = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (health < 0 || firstAck < 0)) {
            if (health < 0 && app.once(c -> app.get(c, "/health")) == 200) {
                health = millisSince(spawned);
            }
            if (firstAck < 0 && app.once(c -> app.post(c, slashCommand())) == 200) {
                firstAck = millisSince(spawned);
            }
            if (health < 0 || firstAck < 0) {
                Thread.sleep(2);
            }
        }
        cold.put("health", round(health));
        cold.put("first_slash_ack", round(firstAck));
        Thread.sleep(1000);
        long idleRss = app.statusKb("VmRSS");
        report.putObject("memory_mb").put("idle_rss", idleRss / 1024.0);

        // Warm-up, then measure each scenario.
        runLoad("slash", 8, WARM_UP);
        runLoad("submission", 8, WARM_UP);
        waitForPosts();
        slack.reset();
        appTicks = 0;
        selfTicks = 0;
        fakeNanos = 0;
        ArrayNode results = report.putArray("scenarios");
        // -Dbench.scenarios=slash runs one scenario alone, for a profile of it (docs/performance.md).
        for (String scenario : System.getProperty("bench.scenarios", "slash,submission").split(",")) {
            for (int concurrency : CONCURRENCY) {
                slack.reset();
                Load load = runLoad(scenario, concurrency, REQUESTS.get(concurrency));
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
        ObjectNode memory = (ObjectNode) report.get("memory_mb");
        memory.put("peak_rss", app.statusKb("VmHWM") / 1024.0);
        ObjectNode cpu = report.putObject("cpu_share");
        double fakeTicks = fakeNanos / 1e9 * CLOCK_TICKS;
        cpu.put("app", round(100.0 * appTicks / Math.max(1, appTicks + selfTicks)));
        cpu.put("fake_slack_and_load_client", round(100.0 * selfTicks / Math.max(1, appTicks + selfTicks)));
        cpu.put("fake_slack", round(100.0 * fakeTicks / Math.max(1, appTicks + selfTicks)));
        return report;
    }

    private String slashCommand() {
        return SlackPayloads.slashCommand("/framework", "Bench project", SlackPayloads.ASKER, SlackPayloads.CHANNEL);
    }

    /** A submission whose channel names it, so the fake can tell when its first post arrived. */
    private String submission(int n) {
        String metadata = "{\"channel\":\"" + channel(n) + "\"}";
        // Like Slack's, the payload carries the whole view back: title, buttons and every block (SlackPayloads).
        return SignedRequests.payloadForm(SlackPayloads.viewSubmission(SlackPayloads.ASKER, metadata,
                SlackPayloads.djangoAnswers(), "Bench").toString());
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
        /** Cores busy on average while timed: the app's, and this process's (load client and fake Slack). */
        final double appCores;
        final double clientCores;

        Load(String scenario, int concurrency, double[] latenciesMillis, double seconds, int errors,
             Map<String, Long> sentAt, double appCores, double clientCores) {
            this.scenario = scenario;
            this.concurrency = concurrency;
            this.latenciesMillis = latenciesMillis;
            this.seconds = seconds;
            this.errors = errors;
            this.sentAt = sentAt;
            this.appCores = appCores;
            this.clientCores = clientCores;
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("scenario", scenario).put("concurrency", concurrency).put("requests", latenciesMillis.length)
                    .put("errors", errors).put("seconds", round(seconds))
                    .put("throughput_rps", round(latenciesMillis.length / seconds))
                    .put("p50_ms", round(percentile(latenciesMillis, 50)))
                    .put("p90_ms", round(percentile(latenciesMillis, 90)))
                    .put("p99_ms", round(percentile(latenciesMillis, 99)))
                    .put("app_cores", round(appCores)).put("load_client_and_fake_cores", round(clientCores));
            return node;
        }
    }

    private Load runLoad(String scenario, int concurrency, int count) throws InterruptedException, IOException {
        // Requests are built and signed before the clock starts (the app accepts a signature for five minutes), so
        // while timed the client only sends and reads: on 2 cores, its CPU is taken from the app's.
        byte[][] requests = new byte[count][];
        String[] channels = new String[count];
        for (int i = 0; i < count; i++) {
            if (scenario.equals("submission")) {
                int n = sequence.incrementAndGet();
                channels[i] = channel(n);
                requests[i] = app.signedPost(submission(n));
            } else {
                requests[i] = app.signedPost(slashCommand());
            }
        }
        double[] latencies = new double[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + TIME_CAP.toNanos();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency,
                task -> new Thread(task, "load-" + threads.incrementAndGet()));
        CountDownLatch finished = new CountDownLatch(concurrency);
        long appBefore = cpuTicks(app.pid());
        long selfBefore = cpuTicks(ProcessHandle.current().pid());
        long fakeBefore = slack.cpuNanos();
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.execute(() -> {
                try (LoadConnection connection = app.connect()) {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                        long sent = System.nanoTime();
                        if (channels[i] != null) {
                            sentAt.put(channels[i], sent);
                        }
                        int status = app.send(connection, requests[i]);
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
        long appUsed = cpuTicks(app.pid()) - appBefore;
        long selfUsed = cpuTicks(ProcessHandle.current().pid()) - selfBefore;
        appTicks += appUsed;
        selfTicks += selfUsed;
        fakeNanos += slack.cpuNanos() - fakeBefore;
        clients.shutdown();
        return new Load(scenario, concurrency, Arrays.copyOf(latencies, Math.min(done.get(), count)), seconds,
                errors.get(), sentAt, appUsed / (double) CLOCK_TICKS / seconds,
                selfUsed / (double) CLOCK_TICKS / seconds);
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
        md.append("Median of ").append(report.path("runs").asInt(1))
                .append(" runs (bench-results/latest.json has each).\n\n");
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
                    if (p.get("scenario").asText().equals(s.get("scenario").asText())
                            && p.get("concurrency").asInt() == s.get("concurrency").asInt()) {
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
        row(md, "CPU share while timed: app / fake Slack + load client (of which fake Slack) (%)", text(
                report.at("/cpu_share/app") + " / " + report.at("/cpu_share/fake_slack_and_load_client") + " ("
                + report.at("/cpu_share/fake_slack") + ")"), null);
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
            app.close();
        }
        slack.close();
    }
}
