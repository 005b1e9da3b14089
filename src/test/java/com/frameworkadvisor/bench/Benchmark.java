package com.frameworkadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's benchmark: starts the packaged app as a separate process exactly as the {@code Procfile} does, with
 * a lean fake Slack Web API on loopback, drives signed slash commands and modal submissions at 1, 8 and 32
 * concurrent clients, and reports cold start, ack latency, throughput, time to the first post, resident memory
 * and where the CPU went (AppRun). Run with {@code mvn -B -q -Pbench -DskipTests verify} (docs/performance.md).
 *
 * <p>With the Bolt for JavaScript peer installed (-Dbench.peer, default {@value #PEER_DEFAULT} from the repository
 * root), it measures both apps in one run instead, alternating (Comparison); {@code -Dbench.compare=false} measures
 * this app alone, {@code true} insists on the comparison, and the default {@code auto} compares when it can.
 */
public final class Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] CONCURRENCY = {1, 8, 32};
    /** Requests of each kind before measuring; -Dbench.warmup=N for a longer one (a steady-state JIT). */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 2000);
    private static final int RUNS_DEFAULT = 3;
    private static final int ROUNDS_DEFAULT = 3;
    static final String PEER_DEFAULT = "../shared/peer-bolt-js";
    private static final Path RESULTS = Path.of("bench-results");
    private static final Path LOGS = Path.of("target/bench-logs");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        String compare = System.getProperty("bench.compare", "auto");
        String node = System.getProperty("bench.node", "node");
        Launch peer = null;
        if (!compare.equals("false")) {
            try {
                peer = Launch.peer(Path.of(System.getProperty("bench.peer", PEER_DEFAULT)), node);
            } catch (IllegalStateException e) {
                if (compare.equals("true")) {
                    System.err.println("[ERROR] " + e.getMessage());
                    System.exit(1);
                }
                System.out.println("[WARNING] measuring this app alone, without the Bolt for JavaScript peer: "
                        + e.getMessage());
            }
        }
        if (peer != null) {
            Comparison.run(Launch.ours(), peer, node, Integer.getInteger("bench.rounds", ROUNDS_DEFAULT), WARM_UP,
                    RESULTS);
        } else {
            alone();
        }
    }

    /**
     * Measures this app {@value #RUNS_DEFAULT} times (-Dbench.runs=N), each time newly started, and reports the
     * median of each figure, as the reference figures are: on a shared 2-core machine one run can be far off
     * another.
     */
    private static void alone() throws Exception {
        int runs = Integer.getInteger("bench.runs", RUNS_DEFAULT);
        // -Dbench.scenarios=slash runs one scenario alone, for a profile of it (docs/performance.md).
        List<String> scenarios = List.of(System.getProperty("bench.scenarios", "slash,submission").split(","));
        List<JsonNode> each = new ArrayList<>();
        try (FastFakeSlack slack = new FastFakeSlack()) {
            for (int i = 1; i <= runs; i++) {
                System.out.println("[INFO] benchmark run " + i + " of " + runs);
                each.add(AppRun.measure(slack, Launch.ours(), WARM_UP, scenarios, CONCURRENCY,
                        LOGS.resolve("ours-run-" + i + ".log")));
            }
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
                    ? JSON.getNodeFactory().numberNode((long) median)
                    : JSON.getNodeFactory().numberNode(AppRun.round(median));
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
}
