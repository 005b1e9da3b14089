package com.frameworkadvisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One measured run of an app, newly started as its {@link Launch} says: cold start (spawn → /health, spawn →
 * first slash-command ack, polling every 2 ms on a new connection), resident memory 1 s after the first ack, a
 * warm-up of slash commands and submissions at 8 clients, then each scenario at each client count, peak resident
 * memory after the load, and where the CPU went. The report has the same shape for every app, so runs can be
 * compared figure by figure.
 */
final class AppRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests per client count: fixed counts, each load also capped in time. */
    static final Map<Integer, Integer> REQUESTS = Map.of(1, 500, 8, 4000, 32, 6000);
    private static final Duration TIME_CAP = Duration.ofSeconds(30);
    private static final Duration START_CAP = Duration.ofSeconds(30);
    /** Both apps post twice per new decision: the headline, then its reasons in the thread. */
    private static final int POSTS_PER_SUBMISSION = 2;
    /**
     * How long no post may arrive before the posts of a load are taken as all there will be: longer than an app's
     * pause between two looks for work waiting to be posted (an outbox polled every 2 s, say). The wait ends at
     * once when all the posts expected have come.
     */
    private static final Duration POSTS_QUIET = Duration.ofSeconds(5);
    /** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
    private static final int CLOCK_TICKS = 100;

    private final FastFakeSlack slack;
    private final Launch launch;
    private final AtomicInteger sequence = new AtomicInteger();
    private AppProcess app;
    /** CPU while requests were timed (not while they were built and signed): app and this process, in ticks. */
    private long appTicks;
    private long selfTicks;
    private long fakeNanos;

    private AppRun(FastFakeSlack slack, Launch launch) {
        this.slack = slack;
        this.launch = launch;
    }

    /**
     * Starts {@code launch} anew, measures it with {@code warmUp} requests of each kind first, then each of
     * {@code scenarios} at each of {@code clients}, and stops it. Its output goes to {@code log}.
     */
    static ObjectNode measure(FastFakeSlack slack, Launch launch, int warmUp, List<String> scenarios,
                              int[] clients, Path log) throws Exception {
        AppRun run = new AppRun(slack, launch);
        Files.createDirectories(log.toAbsolutePath().getParent());
        run.app = AppProcess.start(launch, slack.url(), ProcessBuilder.Redirect.to(log.toFile()));
        try {
            return run.measure(warmUp, scenarios, clients, log);
        } finally {
            run.app.close();
        }
    }

    private ObjectNode measure(int warmUp, List<String> scenarios, int[] clients, Path log) throws Exception {
        ObjectNode report = JSON.createObjectNode();
        ColdStart cold = awaitStart(log);
        report.putObject("cold_start_ms").put("health", round(cold.health())).put("first_slash_ack",
                round(cold.firstAck()));
        Thread.sleep(1000);
        report.putObject("memory_mb").put("idle_rss", app.statusKb("VmRSS") / 1024.0);

        runLoad("slash", 8, warmUp);
        awaitPosts(runLoad("submission", 8, warmUp));
        appTicks = 0;
        selfTicks = 0;
        fakeNanos = 0;
        ArrayNode results = report.putArray("scenarios");
        for (String scenario : scenarios) {
            for (int concurrency : clients) {
                slack.reset();
                Load load = runLoad(scenario, concurrency, REQUESTS.get(concurrency));
                ObjectNode result = load.toJson();
                if (scenario.equals("submission")) {
                    long posted = awaitPosts(load);
                    double[] toPost = slack.firstPostLatenciesMillis(load.sentAt());
                    result.put("to_first_post_p50_ms", round(percentile(toPost, 50)));
                    result.put("to_first_post_p99_ms", round(percentile(toPost, 99)));
                    result.put("posted", toPost.length);
                    result.put("posts_per_submission", round(posted / (double) Math.max(1, load.accepted())));
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

    /** Milliseconds from spawn to the first 200 of /health, and to the first 200 ack of a slash command. */
    private record ColdStart(double health, double firstAck) {
    }

    /**
     * Starts {@code launch} and stops it as soon as it has acked a slash command, unmeasured: run once for each app
     * before the measured runs, so that neither pays alone for a cold disk cache.
     */
    static void prime(FastFakeSlack slack, Launch launch, Path log) throws Exception {
        AppRun run = new AppRun(slack, launch);
        Files.createDirectories(log.toAbsolutePath().getParent());
        run.app = AppProcess.start(launch, slack.url(), ProcessBuilder.Redirect.to(log.toFile()));
        try {
            run.awaitStart(log);
        } finally {
            run.app.close();
        }
    }

    /** Polls the newly spawned app every 2 ms, each time on a new connection, until it answers both. */
    private ColdStart awaitStart(Path log) throws InterruptedException {
        long spawned = app.spawnedAt();
        double health = -1;
        double firstAck = -1;
        long deadline = spawned + START_CAP.toNanos();
        while (health < 0 || firstAck < 0) {
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(launch.name() + " did not start within " + START_CAP.toSeconds()
                        + " s (" + (app.isAlive() ? "still running" : "exited") + "); its output is in " + log);
            }
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
        return new ColdStart(health, firstAck);
    }

    /** Waits for the posts of a load's accepted submissions; how many chat.postMessage calls the load brought. */
    private long awaitPosts(Load load) throws InterruptedException {
        long expected = load.postsBefore() + (long) POSTS_PER_SUBMISSION * load.accepted();
        return slack.awaitPosts(expected, POSTS_QUIET) - load.postsBefore();
    }

    private String slashCommand() {
        return SlackPayloads.slashCommand("/framework", "Bench project", SlackPayloads.ASKER, SlackPayloads.CHANNEL);
    }

    /** A submission whose channel names it, so the fake can tell when its first post arrived. */
    private String submission(int n) {
        // Like Slack's, the payload carries the whole view back: title, buttons and every block (SlackPayloads).
        return SignedRequests.payloadForm(SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                launch.decisionMetadata().apply(channel(n)), SlackPayloads.djangoAnswers(), "Bench").toString());
    }

    static String channel(int n) {
        return "CB" + Integer.toString(n, 36).toUpperCase();
    }

    /**
     * The measurements of one scenario at one concurrency.
     *
     * @param accepted    requests answered 200
     * @param sentAt      when each submission was sent, by the channel it names
     * @param postsBefore chat.postMessage calls the fake had had before the load
     * @param appCores    cores the app kept busy on average while timed
     * @param clientCores the same for this process (load client and fake Slack)
     */
    private record Load(String scenario, int concurrency, double[] latenciesMillis, double seconds, int errors,
                        int accepted, Map<String, Long> sentAt, long postsBefore, double appCores,
                        double clientCores) {

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
        long postsBefore = slack.posts.get();
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
        int sent = Math.min(done.get(), count);
        return new Load(scenario, concurrency, Arrays.copyOf(latencies, sent), seconds, errors.get(),
                sent - errors.get(), sentAt, postsBefore, appUsed / (double) CLOCK_TICKS / seconds,
                selfUsed / (double) CLOCK_TICKS / seconds);
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

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
