package com.frameworkadvisor.bench;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Slack Web API that does as little as possible: fixed answers, counters, and the arrival time of the
 * first chat.postMessage per channel. It must never be the bottleneck (its CPU share is reported).
 */
final class FastFakeSlack implements AutoCloseable {
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
