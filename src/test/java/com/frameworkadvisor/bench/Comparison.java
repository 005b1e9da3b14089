package com.frameworkadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This app against the Bolt for JavaScript peer (shared/peer-bolt-js) in one run, on one fake Slack. After one
 * unmeasured start of each (so that both find their files in the disk cache), rounds of one run of each, ours
 * first in odd rounds and the peer first in even ones, each app newly started as it is deployed; then one extra
 * round of the peer against itself, whose ratios show how large the noise is. Reports the median of each figure
 * per app, the ratio ours/peer beside its target, and each run (ComparisonReport).
 */
final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The client counts the targets name. */
    private static final int[] CLIENTS = {8, 32};
    private static final List<String> SCENARIOS = List.of("slash", "submission");
    private static final Path LOGS = Path.of("target/bench-logs");
    /** The round of the peer-against-peer pair. */
    static final String NOISE = "noise";

    /** One measured run: which app, in which round ("noise" for the peer-against-peer pair), and its report. */
    record Run(String app, String round, JsonNode report) {
    }

    private Comparison() {
    }

    /** Runs {@code rounds} rounds and the noise pair, and writes the report to {@code results}. */
    static void run(Launch ours, Launch peer, String node, int rounds, int warmUp, Path results) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("-Dbench.rounds must be 1 or more, not " + rounds);
        }
        String nodeVersion = version(node);
        String loadBefore = loadAverage();
        List<Run> runs = new ArrayList<>();
        try (FastFakeSlack slack = new FastFakeSlack()) {
            System.out.println("[INFO] starting each app once, unmeasured, so both find their files in the disk cache");
            AppRun.prime(slack, ours, LOGS.resolve("ours-prime.log"));
            AppRun.prime(slack, peer, LOGS.resolve("peer-prime.log"));
            for (int round = 1; round <= rounds; round++) {
                List<Launch> order = round % 2 == 1 ? List.of(ours, peer) : List.of(peer, ours);
                for (Launch launch : order) {
                    System.out.println("[INFO] round " + round + " of " + rounds + ": " + launch.name());
                    runs.add(measure(slack, launch, String.valueOf(round), launch.name() + "-" + round, warmUp));
                }
            }
            for (int i = 1; i <= 2; i++) {
                System.out.println("[INFO] noise pair (the peer against itself), run " + i + " of 2");
                runs.add(measure(slack, peer, NOISE, "peer-noise-" + i, warmUp));
            }
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("date", Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        report.putObject("load_average").put("before", loadBefore).put("after", loadAverage());
        report.put("rounds", rounds);
        report.put("order", "ours then peer in odd rounds, peer then ours in even rounds; then peer, peer (noise)");
        report.put("warm_up", warmUp);
        ObjectNode apps = report.putObject("apps");
        apps.putObject("ours").put("directory", ours.directory().toAbsolutePath().normalize().toString())
                .put("command", String.join(" ", ours.command())).put("java", Runtime.version().toString());
        apps.putObject("peer").put("directory", peer.directory().toString())
                .put("command", String.join(" ", peer.command())).put("node", nodeVersion);
        ComparisonReport.summarise(report, runs);
        ArrayNode each = report.putArray("each_run");
        for (Run run : runs) {
            each.addObject().put("app", run.app()).put("round", run.round()).setAll((ObjectNode) run.report());
        }

        Files.createDirectories(results);
        Path json = results.resolve("comparison.json");
        Path markdown = results.resolve("comparison.md");
        String table = ComparisonReport.markdown(report);
        Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        Files.writeString(markdown, table);
        System.out.println(table);
        System.out.println("Report written to " + markdown + " and " + json + " (each run); app output in " + LOGS);
    }

    private static Run measure(FastFakeSlack slack, Launch launch, String round, String log, int warmUp)
            throws Exception {
        JsonNode report = AppRun.measure(slack, launch, warmUp, SCENARIOS, CLIENTS, LOGS.resolve(log + ".log"));
        System.out.println("[INFO]   " + ComparisonReport.brief(report));
        return new Run(launch.name(), round, report);
    }

    /** The output of {@code node --version}, or a clear failure when there is no such program. */
    static String version(String node) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(node + " --version failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + node + " (" + e.getMessage() + "): the peer needs "
                    + "Node.js 18 or later on PATH, or -Dbench.node=/path/to/node");
        }
    }

    /** The first three fields of /proc/loadavg: how busy the (shared) machine was. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
