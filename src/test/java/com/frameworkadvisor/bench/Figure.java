package com.frameworkadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One figure of a run's report (AppRun), read the same way for both apps, and the target ours has against the
 * peer's, if any.
 *
 * @param column a short name, for the table of runs
 * @param target null for a figure shown for context only
 */
record Figure(String name, String column, ToDoubleFunction<JsonNode> value, Target target) {

    /** The figures of the comparison, targets first as the issue lists them. */
    static final List<Figure> ALL = List.of(
            new Figure("cold start: spawn → first slash ack (ms)", "first ack ms",
                    at("/cold_start_ms/first_slash_ack"), Target.atMost(1.0)),
            new Figure("resident memory idle, 1 s after the first ack (MB)", "idle MB",
                    at("/memory_mb/idle_rss"), Target.atMost(1.2)),
            new Figure("resident memory peak, VmHWM after the load (MB)", "peak MB",
                    at("/memory_mb/peak_rss"), Target.atMost(1.0)),
            new Figure("slash @32: throughput (req/s)", "slash@32 req/s",
                    scenario("slash", 32, "throughput_rps"), Target.atLeast(2.0)),
            new Figure("slash @8: p99 (ms)", "slash@8 p99",
                    scenario("slash", 8, "p99_ms"), Target.atMost(0.7)),
            new Figure("submission @32: throughput (req/s)", "sub@32 req/s",
                    scenario("submission", 32, "throughput_rps"), Target.atLeast(1.8)),
            new Figure("submission @32: p99 (ms)", "sub@32 p99",
                    scenario("submission", 32, "p99_ms"), Target.atMost(1.0)),
            new Figure("submission @8: p99 (ms)", "sub@8 p99",
                    scenario("submission", 8, "p99_ms"), Target.atMost(0.8)),
            new Figure("errors, all loads", "errors", Figure::errors, Target.none()),
            new Figure("cold start: spawn → /health (ms)", "health ms", at("/cold_start_ms/health"), null),
            new Figure("slash @8: throughput (req/s)", "slash@8 req/s",
                    scenario("slash", 8, "throughput_rps"), null),
            new Figure("slash @32: p99 (ms)", "slash@32 p99", scenario("slash", 32, "p99_ms"), null),
            new Figure("submission @8: throughput (req/s)", "sub@8 req/s",
                    scenario("submission", 8, "throughput_rps"), null),
            new Figure("submission @8: → first post p99 (ms)", "sub@8 post p99",
                    scenario("submission", 8, "to_first_post_p99_ms"), null),
            new Figure("submission @32: → first post p99 (ms)", "sub@32 post p99",
                    scenario("submission", 32, "to_first_post_p99_ms"), null),
            new Figure("submission @32: chat.postMessage per submission", "posts/sub",
                    scenario("submission", 32, "posts_per_submission"), null),
            new Figure("CPU share of the app while timed (%)", "app CPU %", at("/cpu_share/app"), null));

    double of(JsonNode run) {
        return value.applyAsDouble(run);
    }

    private static ToDoubleFunction<JsonNode> at(String pointer) {
        return run -> run.at(pointer).asDouble(Double.NaN);
    }

    private static ToDoubleFunction<JsonNode> scenario(String name, int clients, String field) {
        return run -> {
            for (JsonNode s : run.path("scenarios")) {
                if (s.path("scenario").asText().equals(name) && s.path("concurrency").asInt() == clients) {
                    return s.path(field).asDouble(Double.NaN);
                }
            }
            return Double.NaN;
        };
    }

    private static double errors(JsonNode run) {
        double errors = 0;
        for (JsonNode s : run.path("scenarios")) {
            errors += s.path("errors").asDouble();
        }
        return errors;
    }
}
