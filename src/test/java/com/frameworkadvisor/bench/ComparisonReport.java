package com.frameworkadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison's summary (the median of each figure per app, the ratio ours/peer beside its target, the
 * peer-against-peer ratio as the noise) into its JSON report, and that report as Markdown.
 */
final class ComparisonReport {
    /** Posts per accepted submission that both apps make: the headline, then its reasons in the thread. */
    private static final double POSTS_EXPECTED = 2;

    private ComparisonReport() {
    }

    /** Adds {@code medians}, {@code figures}, {@code noise} and {@code notes} to {@code report}. */
    static void summarise(ObjectNode report, List<Comparison.Run> runs) {
        List<JsonNode> ours = reports(runs, "ours", false);
        List<JsonNode> peer = reports(runs, "peer", false);
        List<JsonNode> noise = reports(runs, "peer", true);
        ObjectNode medians = report.putObject("medians");
        medians.set("ours", Benchmark.median(ours));
        medians.set("peer", Benchmark.median(peer));

        ArrayNode figures = report.putArray("figures");
        String noisiest = null;
        double largest = 0;
        List<Double> departures = new ArrayList<>();
        for (Figure figure : Figure.ALL) {
            double o = median(ours, figure);
            double p = median(peer, figure);
            double apart = figure.of(noise.get(0)) / figure.of(noise.get(1));
            ObjectNode row = figures.addObject().put("figure", figure.name());
            number(row, "ours", o);
            number(row, "peer", p);
            number(row, "ratio", o / p);
            number(row, "peer_vs_peer", apart);
            Target target = figure.target();
            if (target == null) {
                continue;
            }
            row.put("target", target.toString()).put("met", target.met(o, p));
            if (target.relation() != Target.Relation.NONE && Double.isFinite(apart)) {
                double deviation = Target.departure(apart);
                row.put("miss_within_noise", !target.met(o, p) && target.missWithin(o / p, deviation));
                departures.add(deviation);
                if (deviation >= largest) {
                    largest = deviation;
                    noisiest = figure.name();
                }
            }
        }
        ObjectNode noiseNode = report.putObject("noise");
        noiseNode.put("what", "the peer against itself, one extra pair of runs: first run / second run, per "
                + "figure; how far those of the target figures are from 1, as max(r, 1/r) - 1");
        noiseNode.put("median_departure_from_1", AppRun.round(median(departures)));
        noiseNode.put("largest_departure_from_1", AppRun.round(largest)).put("figure", noisiest);

        ArrayNode notes = report.putArray("notes");
        for (Comparison.Run run : runs) {
            String who = run.app() + " (round " + run.round() + ")";
            for (JsonNode s : run.report().path("scenarios")) {
                String load = s.path("scenario").asText() + " @" + s.path("concurrency").asInt();
                if (s.path("errors").asInt() > 0) {
                    notes.add(who + ": " + s.path("errors").asInt() + " of " + s.path("requests").asInt()
                            + " requests of " + load + " were not answered 200");
                }
                if (s.has("posts_per_submission") && s.path("posts_per_submission").asDouble() < POSTS_EXPECTED) {
                    notes.add(who + ": " + load + " brought " + s.path("posts_per_submission").asDouble()
                            + " chat.postMessage per accepted submission (" + (int) POSTS_EXPECTED + " expected)");
                }
            }
        }
    }

    private static List<JsonNode> reports(List<Comparison.Run> runs, String app, boolean noise) {
        return runs.stream().filter(r -> r.app().equals(app) && r.round().equals(Comparison.NOISE) == noise)
                .map(Comparison.Run::report).toList();
    }

    private static double median(List<JsonNode> reports, Figure figure) {
        return median(reports.stream().map(figure::of).toList());
    }

    private static double median(List<Double> numbers) {
        if (numbers.isEmpty()) {
            return Double.NaN;
        }
        double[] values = numbers.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** A number rounded to 2 decimals, or null where it is not one (a ratio to zero). */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, AppRun.round(value));
        } else {
            node.putNull(field);
        }
    }

    /** One line on a run, as it ends. */
    static String brief(JsonNode run) {
        StringBuilder line = new StringBuilder();
        for (Figure figure : Figure.ALL) {
            if (figure.target() != null) {
                line.append(line.length() == 0 ? "" : ", ").append(figure.column()).append(' ')
                        .append(format(figure.of(run)));
            }
        }
        return line.toString();
    }

    static String markdown(JsonNode report) {
        StringBuilder md = new StringBuilder();
        md.append("## Framework Advisor against Bolt for JavaScript\n\n");
        md.append(String.format(Locale.ROOT, """
                %s, %s (shared: figures are noisy), load average %s before and %s after. Median of the rounds \
                (%d); in each, both apps run once, each newly started as deployed (ours: `%s` from the repository \
                root; peer: `%s` in %s, node %s), ours first in odd rounds and the peer first in even ones, after \
                one unmeasured start of each. Each run: a warm-up of %,d slash commands and %,d submissions at 8 \
                clients, then %,d requests at 8 clients and %,d at 32.

                """, report.path("date").asText(), report.path("machine").asText(),
                report.at("/load_average/before").asText(), report.at("/load_average/after").asText(),
                report.path("rounds").asInt(), report.at("/apps/ours/command").asText(),
                report.at("/apps/peer/command").asText(), report.at("/apps/peer/directory").asText(),
                report.at("/apps/peer/node").asText(), report.path("warm_up").asInt(), report.path("warm_up").asInt(),
                AppRun.REQUESTS.get(8), AppRun.REQUESTS.get(32)));
        md.append("| figure | ours | peer | ours/peer | target | met | peer/peer (noise) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (JsonNode row : report.path("figures")) {
            md.append("| ").append(row.path("figure").asText()).append(" | ").append(format(row.path("ours")))
                    .append(" | ").append(format(row.path("peer"))).append(" | ").append(ratio(row.path("ratio")))
                    .append(" | ").append(row.path("target").asText("")).append(" | ").append(met(row))
                    .append(" | ").append(ratio(row.path("peer_vs_peer"))).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, """

                Noise: the peer run twice more, against itself, gave the ratios in the last column. On the target \
                figures they are a median %d%% from 1.0× (either way: 0.5× and 2× are both 100%% off), and at most \
                %d%% (%s). A target missed by no more than its figure's noise is marked "no, within noise".
                """, Math.round(100 * report.at("/noise/median_departure_from_1").asDouble()),
                Math.round(100 * report.at("/noise/largest_departure_from_1").asDouble()),
                report.at("/noise/figure").asText()));
        if (!report.path("notes").isEmpty()) {
            md.append("\nNotes:\n\n");
            report.path("notes").forEach(note -> md.append("- ").append(note.asText()).append('\n'));
        }
        md.append("\nEach run (the JSON report has every figure):\n\n| app | round |");
        List<Figure> targeted = Figure.ALL.stream().filter(f -> f.target() != null).toList();
        targeted.forEach(f -> md.append(' ').append(f.column()).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(targeted.size())).append('\n');
        for (JsonNode run : report.path("each_run")) {
            md.append("| ").append(run.path("app").asText()).append(" | ").append(run.path("round").asText())
                    .append(" |");
            targeted.forEach(f -> md.append(' ').append(format(f.of(run))).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    private static String met(JsonNode row) {
        if (!row.has("met")) {
            return "";
        }
        if (row.path("met").asBoolean()) {
            return "yes";
        }
        return row.path("miss_within_noise").asBoolean() ? "no, within noise" : "**no**";
    }

    private static String ratio(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f×", value.asDouble()) : "—";
    }

    private static String format(JsonNode value) {
        return value.isNumber() ? format(value.asDouble()) : "—";
    }

    private static String format(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        double size = Math.abs(value);
        String pattern = size >= 100 || value == Math.rint(value) ? "%,.0f" : size >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
