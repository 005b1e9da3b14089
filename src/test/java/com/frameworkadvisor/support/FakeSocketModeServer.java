package com.frameworkadvisor.support;

import org.awaitility.core.ConditionTimeoutException;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake of Slack's Socket Mode endpoint on loopback: accepts the app's WebSocket, says hello as Slack does,
 * delivers envelopes on request and records what the app sends back (its acks).
 */
public final class FakeSocketModeServer extends WebSocketServer implements AutoCloseable {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile WebSocket app;

    public FakeSocketModeServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        start();
        try {
            if (!started.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake Socket Mode server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The URL {@code apps.connections.open} hands out. */
    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=test-ticket&app_id=A0TEST";
    }

    public void awaitConnection(Duration timeout) throws InterruptedException {
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the app did not connect over Socket Mode within " + timeout);
        }
    }

    /** Delivers one envelope to the connected app. */
    public void deliver(String envelopeJson) {
        app.send(envelopeJson);
    }

    /** Waits, polling, for a message from the app containing {@code fragment}. */
    public String awaitReceived(String fragment, Duration timeout) {
        try {
            return Waits.atMost(timeout).until(() -> received.stream().filter(m -> m.contains(fragment)).findFirst(),
                    Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no message containing " + fragment + " within " + timeout + "; got "
                    + received);
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        app = conn;
        conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
                + "\"connection_info\":{\"app_id\":\"A0TEST\"}}");
        connected.countDown();
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        // The app reconnects on its own; nothing to record.
    }

    @Override
    public void onError(WebSocket conn, Exception e) {
        received.add("error: " + e);
    }

    @Override
    public void close() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
