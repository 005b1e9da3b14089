package com.frameworkadvisor.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fake Slack Web API that does as little as possible: fixed answers, counters, and the arrival time of the
 * first chat.postMessage per channel. HTTP/1.1 with keep-alive on plain sockets, a thread per connection; it
 * counts its own CPU time, so the benchmark can report it apart from the load client's: it must never be the
 * bottleneck.
 */
final class FastFakeSlack implements AutoCloseable {
    private static final String THREAD_PREFIX = "fake-slack-";
    private static final String CHANNEL_FIELD = "channel=";

    private final ServerSocket server;
    private final Map<String, Long> firstPost = new ConcurrentHashMap<>();
    final AtomicLong posts = new AtomicLong();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
    private final AtomicInteger connections = new AtomicInteger();
    private final LongAdder cpuNanos = new LongAdder();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Notified on each chat.postMessage while {@link #awaitPosts} waits. */
    private final Object postArrived = new Object();
    private volatile boolean awaited;

    FastFakeSlack() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, THREAD_PREFIX + "accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/";
    }

    /** The CPU time this fake has spent answering, in nanoseconds. */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    void reset() {
        firstPost.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), THREAD_PREFIX + connections.incrementAndGet());
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 32 * 1024);
            OutputStream out = socket.getOutputStream();
            long cpu = threads.getCurrentThreadCpuTime();
            while (true) {
                String requestLine = LoadConnection.line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                int length = 0;
                boolean close = false;
                for (String header = LoadConnection.line(in); header != null && !header.isEmpty();
                     header = LoadConnection.line(in)) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).strip());
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    }
                }
                byte[] body = in.readNBytes(length);
                String path = requestLine.split(" ", 3)[1];
                byte[] answer = answer(path.substring(path.lastIndexOf('/') + 1), body)
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                        + answer.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(answer);
                out.flush();
                long now = threads.getCurrentThreadCpuTime();
                cpuNanos.add(now - cpu);
                cpu = now;
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // The app closed the connection: nothing to answer.
        }
    }

    private String answer(String method, byte[] body) {
        return switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\","
                    + "\"user\":\"advisor\",\"team_id\":\"T0BENCH\",\"user_id\":\"UBOT0001\",\"bot_id\":\"B0\"}";
            case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"V0BENCH\"}}";
            case "chat.postMessage" -> {
                long now = System.nanoTime();
                posts.incrementAndGet();
                if (awaited) {
                    synchronized (postArrived) {
                        postArrived.notifyAll();
                    }
                }
                String channel = channel(new String(body, StandardCharsets.ISO_8859_1));
                if (channel != null) {
                    firstPost.putIfAbsent(channel, now);
                }
                long value = ts.incrementAndGet();
                yield "{\"ok\":true,\"channel\":\"C0\",\"ts\":\"" + value / 1_000_000 + "."
                        + String.format("%06d", value % 1_000_000) + "\"}";
            }
            default -> "{\"ok\":true}";
        };
    }

    /** The form's channel field (channel ids need no decoding). */
    private static String channel(String form) {
        int start;
        if (form.startsWith(CHANNEL_FIELD)) {
            start = CHANNEL_FIELD.length();
        } else {
            int at = form.indexOf("&" + CHANNEL_FIELD);
            if (at < 0) {
                return null;
            }
            start = at + 1 + CHANNEL_FIELD.length();
        }
        int end = form.indexOf('&', start);
        return form.substring(start, end < 0 ? form.length() : end);
    }

    /**
     * Waits until {@code count} chat.postMessage calls have arrived since this fake started, or until none has
     * arrived for {@code quiet}; the count then.
     */
    long awaitPosts(long count, Duration quiet) throws InterruptedException {
        synchronized (postArrived) {
            awaited = true;
            try {
                long seen = posts.get();
                long quietUntil = System.nanoTime() + quiet.toNanos();
                while (seen < count) {
                    long left = quietUntil - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(postArrived, left);
                    long now = posts.get();
                    if (now != seen) {
                        seen = now;
                        quietUntil = System.nanoTime() + quiet.toNanos();
                    }
                }
                return seen;
            } finally {
                awaited = false;
            }
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
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
