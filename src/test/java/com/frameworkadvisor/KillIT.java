package com.frameworkadvisor;

import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.FakeSlackApi.Call;
import com.frameworkadvisor.support.PackagedApp;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.Waits;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability under SIGKILL: the packaged app, on an H2 file that outlives it, takes submissions from several
 * clients while a slow Slack keeps deliveries under way, and is killed at a random moment, round after round.
 * Started once more and left to run, it must deliver every submission it acked (parent and thread reply). Lost
 * deliveries fail the test; duplicates (the at-least-once window DeliveryWorker describes) are only reported, in
 * {@code target/kill-report.md}. The seed of the kill moments is printed; {@code -Dkill.seed=N} repeats a run.
 */
class KillIT {
    private static final int ROUNDS = 5;
    private static final int CLIENTS = 4;
    /** Each client sends its next submission this long after the last one was answered. */
    private static final Duration CLIENT_PACE = Duration.ofMillis(100);
    /** Every chat.postMessage is answered this late: deliveries are under way whenever the kill comes. */
    private static final long POST_DELAY_MS = 100;
    /** The kill comes this long after /health first answered 200, at random in between. */
    private static final int EARLIEST_KILL_MS = 300;
    private static final int LATEST_KILL_MS = 3_000;
    private static final Duration DELIVER_ALL = Duration.ofSeconds(60);
    private static final String MARKER = "kill-";

    @TempDir
    Path data;

    /** What one round sent and what became of it. */
    private record Round(int number, long killAfterMillis, int sent, int acked, int refused, int failed,
                         int exitCode, int undeliveredAtKill) {
    }

    @Test
    void every_acked_submission_is_delivered_after_kills_at_random_moments() throws Exception {
        long seed = Long.getLong("kill.seed", System.nanoTime());
        System.out.println("KillIT: seed " + seed + " (repeat with -Dkill.seed=" + seed + ")");
        Random random = new Random(seed);
        Path logs = PackagedApp.reports("KillIT");
        String database = "jdbc:h2:file:" + data.resolve("advisor");
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        List<Round> rounds = new ArrayList<>();
        try (FakeSlackApi slack = new FakeSlackApi()) {
            slack.delayEvery("chat.postMessage", POST_DELAY_MS);
            for (int round = 1; round <= ROUNDS; round++) {
                long killAfter = EARLIEST_KILL_MS + random.nextInt(LATEST_KILL_MS - EARLIEST_KILL_MS + 1);
                rounds.add(killedRound(round, killAfter, slack, database, log(logs, "round-" + round), sent, acked));
            }

            // The last start: nobody kills it, and it must deliver everything acked.
            long restartedAt;
            int finalExit;
            try (PackagedApp app = PackagedApp.start(slack, database, log(logs, "final"), Map.of())) {
                restartedAt = app.startedNanos();
                app.awaitHealthy();
                try {
                    Waits.atMost(DELIVER_ALL).pollInterval(Duration.ofMillis(250))
                            .until(() -> Tally.of(slack).delivered().keySet().containsAll(acked));
                } catch (ConditionTimeoutException e) {
                    // What is missing is reported below, and fails the test as lost.
                }
                app.process().destroy();
                finalExit = app.awaitExit(Duration.ofSeconds(60));
            }
            Tally tally = Tally.of(slack); // with whatever the stop still posted, for the duplicates
            String report = report(seed, rounds, acked, sent, tally, restartedAt, finalExit, logs);
            System.out.println(report);
            Files.writeString(PackagedApp.jar().getParent().resolve("kill-report.md"), report,
                    StandardCharsets.UTF_8);

            List<String> lost = acked.stream().filter(m -> !tally.delivered().containsKey(m)).sorted().toList();
            assertTrue(lost.isEmpty(), lost.size() + " acked submissions never delivered, e.g. "
                    + lost.subList(0, Math.min(10, lost.size())) + "; logs in " + logs + "\n" + report);
            assertTrue(acked.size() >= ROUNDS, "the clients got acks in every round: " + acked.size());
        }
    }

    /** Starts the app, sends from {@link #CLIENTS} clients, and kills it {@code killAfter} ms after /health. */
    private static Round killedRound(int round, long killAfter, FakeSlackApi slack, String database, Path log,
                                     Set<String> sent, Set<String> acked) throws InterruptedException {
        AtomicInteger sentHere = new AtomicInteger();
        AtomicInteger ackedHere = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        try (PackagedApp app = PackagedApp.start(slack, database, log, Map.of())) {
            app.awaitHealthy();
            SignedRequests requests = app.requests();
            ScheduledExecutorService clients = Executors.newScheduledThreadPool(CLIENTS + 1);
            try {
                for (int client = 1; client <= CLIENTS; client++) {
                    String prefix = MARKER + "r" + round + "-c" + client + "-";
                    AtomicInteger next = new AtomicInteger();
                    clients.scheduleWithFixedDelay(() -> {
                        if (killed.get()) {
                            return;
                        }
                        String marker = prefix + next.incrementAndGet();
                        sent.add(marker);
                        sentHere.incrementAndGet();
                        try {
                            HttpResponse<String> response = requests.post(submission(marker));
                            if (response.statusCode() == 200 && response.body().isEmpty()) {
                                acked.add(marker);
                                ackedHere.incrementAndGet();
                            } else {
                                refused.incrementAndGet(); // "errors": the user is asked to submit again
                            }
                        } catch (UncheckedIOException e) {
                            failed.incrementAndGet(); // killed while it was being answered: never acked
                        }
                    }, 0, CLIENT_PACE.toMillis(), TimeUnit.MILLISECONDS);
                }
                clients.schedule(() -> {
                    killed.set(true);
                    app.process().destroyForcibly();
                }, killAfter, TimeUnit.MILLISECONDS);
                int exitCode = app.awaitExit(Duration.ofSeconds(30));
                // No new submissions; those under way end with the connection the kill closed.
                clients.shutdown();
                assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "the clients stopped");
                Tally atKill = Tally.of(slack);
                int undelivered = (int) acked.stream().filter(m -> !atKill.delivered().containsKey(m)).count();
                assertEquals(137, exitCode, "SIGKILL ends a JVM with 128 + 9; log:\n" + app.tail());
                return new Round(round, killAfter, sentHere.get(), ackedHere.get(), refused.get(), failed.get(),
                        exitCode, undelivered);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private static Path log(Path folder, String name) throws IOException {
        Path log = folder.resolve(name + ".log");
        Files.deleteIfExists(log);
        return log;
    }

    private static String submission(String marker) {
        return SignedRequests.payloadForm(SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                SlackPayloads.newDecisionMetadata(SlackPayloads.CHANNEL), SlackPayloads.djangoAnswers(), marker)
                .toString());
    }

    /**
     * What reached the fake Slack, by marker: the parents it answered ok (the project in their metadata is the
     * marker) and the replies in their threads.
     *
     * @param parents the ts of each parent posted, by marker
     * @param replies how many replies each parent got, by its ts
     * @param delivered the markers with a parent that has a reply, and when the first such reply arrived
     * @param lastCallNanos when the fake received its last chat.postMessage
     */
    private record Tally(Map<String, List<String>> parents, Map<String, Integer> replies,
                         Map<String, Long> delivered, long lastCallNanos) {
        static Tally of(FakeSlackApi slack) {
            List<Call> posts = slack.calls("chat.postMessage");
            Map<String, List<String>> parents = new HashMap<>();
            Map<String, String> markerOfTs = new HashMap<>();
            for (Call post : posts) {
                String project = post.param("thread_ts") == null && post.param("metadata") != null
                        ? post.json("metadata").path("event_payload").path("project").asText("") : "";
                if (project.startsWith(MARKER) && slack.answeredOk(post)) {
                    String ts = slack.answerTo(post).path("ts").asText();
                    parents.computeIfAbsent(project, p -> new ArrayList<>()).add(ts);
                    markerOfTs.put(ts, project);
                }
            }
            Map<String, Integer> replies = new HashMap<>();
            Map<String, Long> delivered = new HashMap<>();
            long last = Long.MIN_VALUE;
            for (Call post : posts) {
                last = Math.max(last, slack.receivedNanos(post));
                String marker = post.param("thread_ts") == null ? null : markerOfTs.get(post.param("thread_ts"));
                if (marker != null && slack.answeredOk(post)) {
                    replies.merge(post.param("thread_ts"), 1, Integer::sum);
                    delivered.merge(marker, slack.receivedNanos(post), Math::min);
                }
            }
            return new Tally(parents, replies, delivered, last);
        }

        long duplicatedMarkers() {
            return parents.values().stream().filter(ts -> ts.size() > 1).count();
        }

        long extraParents() {
            return parents.values().stream().mapToLong(ts -> ts.size() - 1).sum();
        }

        long duplicateReplies() {
            return replies.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        }

        long parentsWithoutReply() {
            return parents.values().stream().flatMap(List::stream).filter(ts -> !replies.containsKey(ts)).count();
        }
    }

    private static String report(long seed, List<Round> rounds, Set<String> acked, Set<String> sent, Tally tally,
                                 long restartedAt, int finalExit, Path logs) throws IOException {
        StringBuilder md = new StringBuilder("# KillIT: SIGKILL at random moments\n\n");
        md.append("Seed ").append(seed).append(": ").append(ROUNDS).append(" rounds of ").append(CLIENTS)
                .append(" clients (one submission each per ").append(CLIENT_PACE.toMillis())
                .append(" ms), every chat.postMessage answered ").append(POST_DELAY_MS)
                .append(" ms late, killed ").append(EARLIEST_KILL_MS).append("–").append(LATEST_KILL_MS)
                .append(" ms after /health answered 200; then started once more, not killed.\n\n");
        md.append("| round | killed after | sent | acked | refused | no answer | exit "
                + "| acked so far, undelivered at kill |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Round r : rounds) {
            md.append("| ").append(r.number()).append(" | ").append(r.killAfterMillis()).append(" ms | ")
                    .append(r.sent()).append(" | ").append(r.acked()).append(" | ").append(r.refused()).append(" | ")
                    .append(r.failed()).append(" | ").append(r.exitCode()).append(" | ")
                    .append(r.undeliveredAtKill()).append(" |\n");
        }
        long lost = acked.stream().filter(m -> !tally.delivered().containsKey(m)).count();
        long deliveredAcked = acked.size() - lost;
        long unackedDelivered = tally.delivered().keySet().stream().filter(m -> !acked.contains(m)).count();
        long lastNeeded = acked.stream().map(tally.delivered()::get).filter(t -> t != null)
                .mapToLong(Long::longValue).max().orElse(restartedAt);
        String sinceRestart = lastNeeded <= restartedAt ? "all delivered before it"
                : (lastNeeded - restartedAt) / 1_000_000 + " ms";
        md.append("\n| acked | delivered | lost | duplicated (markers with >1 parent) | extra parents "
                + "| parents without a reply | duplicate replies | delivered, never acked | final restart → last "
                + "acked delivered | final exit |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        md.append("| ").append(acked.size()).append(" | ").append(deliveredAcked).append(" | ").append(lost)
                .append(" | ").append(tally.duplicatedMarkers()).append(" | ").append(tally.extraParents())
                .append(" | ").append(tally.parentsWithoutReply()).append(" | ").append(tally.duplicateReplies())
                .append(" | ").append(unackedDelivered).append(" of ").append(sent.size() - acked.size())
                .append(" | ").append(sinceRestart).append(" | ").append(finalExit).append(" |\n");
        md.append("\nLog lines of note, all runs: ").append(notable(logs)).append(" (logs in ")
                .append(logs).append(")\n");
        return md.toString();
    }

    /** How often the log lines that tell of crashes, resumption and trouble appear in the runs' logs. */
    private static String notable(Path logs) throws IOException {
        Pattern event = Pattern.compile(" (?:WARN|ERROR) +\\[[^]]*] \\S+ request_id=\\S+ (\\S+)"
                + "| INFO +\\[[^]]*] \\S+ request_id=\\S+ (deliveries_resumed)");
        Map<String, Integer> counts = new HashMap<>();
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = event.matcher(line);
                    if (m.find()) {
                        counts.merge(m.group(1) != null ? m.group(1) : m.group(2), 1, Integer::sum);
                    }
                }
            }
        }
        return counts.isEmpty() ? "none" : counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "`" + e.getKey() + "` ×" + e.getValue()).collect(Collectors.joining(", "));
    }
}
