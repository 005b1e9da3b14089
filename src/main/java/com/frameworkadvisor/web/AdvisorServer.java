package com.frameworkadvisor.web;

import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.install.OAuthInstall;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP host: Slack's requests at {@code POST /slack/events}; {@code GET /health}, {@code /metrics} (with a
 * token) and {@code /privacy}; and, in a distributed app, the install pages ({@code /slack/install},
 * {@code /slack/oauth_redirect}).
 */
public final class AdvisorServer {
    private static final Logger log = LoggerFactory.getLogger(AdvisorServer.class);
    public static final String EVENTS_PATH = "/slack/events";
    /** Where a platform's health check asks whether the app is up. */
    public static final String HEALTH_PATH = "/health";
    private static final Duration IDLE_CONNECTION_ON_STOP = Duration.ofMillis(100);
    /**
     * Jetty pads its queues to the CPU's cache line, and to learn how many references fit in one it asks the
     * platform MBean server whether oops are compressed: that starts JMX (about 200 classes and every platform
     * MXBean registered), 70 ms of the cold start on 2 cores. Told the answer, it asks nothing
     * (org.eclipse.jetty.util.MemoryUtils). Below 32 GB of heap the JVM compresses oops to 4 bytes; a wrong guess
     * only pads less or more.
     */
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            int referenceBytes = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024 ? 4 : 8;
            System.setProperty(REFERENCES_PER_CACHE_LINE, Integer.toString(64 / referenceBytes));
        }
    }

    /** The Slack side, given made or still being made while the server starts. */
    private final CompletableFuture<AdvisorApp> slack;
    private final Javalin javalin;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final CompletableFuture<Void> firstSlackAnswer = new CompletableFuture<>();
    private final Optional<Integer> metricsPort;

    /**
     * A server whose Slack side is still being made: Jetty and Javalin start while another thread builds Bolt and
     * the Slack client (a tenth of a second each, on 2 cores side by side). A request that comes before the Slack
     * side is ready waits for it; {@code GET /health} answers "starting" until then.
     *
     * @param distributed whether the Slack side will be installed through OAuth (AdvisorApp#distributed)
     * @param metrics     the app's metrics, served on {@code GET /metrics} when they have a token
     */
    public AdvisorServer(CompletableFuture<AdvisorApp> slack, boolean distributed, String signingSecret,
                         OperatorMetrics metrics) {
        this.slack = slack;
        this.metricsPort = metrics.internalPort();
        BoltAdapter adapter = new BoltAdapter(slack::join, signingSecret);
        HttpMetrics http = new HttpMetrics(metrics.registry());
        this.javalin = Javalin.create(config -> {
            config.requestLogger.http((ctx, millis) -> {
                http.record(ctx, millis);
                if (ctx.path().equals(EVENTS_PATH)) {
                    firstSlackAnswer.complete(null);
                }
            });

            config.startup.showJavalinBanner = false;
            config.jetty.threadPool = requestThreads();
            // On stop, requests being answered get up to this long to finish (Jetty's default is none: an ack in
            // flight at SIGTERM would be cut, and Slack would redeliver it).
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
            config.http.maxRequestSize = RequestBody.MAX_BYTES; // BoltAdapter reads the body itself, to this limit
            config.routes.post(EVENTS_PATH, adapter::handle);
            config.routes.get(HEALTH_PATH, this::health);
            config.routes.get(OperatorMetrics.PATH, metrics::serve);
            config.routes.get(PrivacyPage.PATH, PrivacyPage::serve);
            if (distributed) {
                config.routes.get(OAuthInstall.INSTALL_PATH, adapter::handleBrowser);
                config.routes.get(OAuthInstall.REDIRECT_PATH, adapter::handleBrowser);
            }
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected_error path={}", ctx.path(), e);
                ctx.status(500).json(Map.of("error", "unexpected error"));
            });
        });
    }

    /**
     * Jetty's threads for requests: a few per core. Each request is short CPU work plus, for a slash command, one
     * Slack call, so more threads than that only take turns on the same cores: on 2 cores, 16 threads answered
     * 32 concurrent clients faster and with a shorter tail than Javalin's default of up to 250 (docs/performance.md).
     */
    private static QueuedThreadPool requestThreads() {
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()),
                4);
        threads.setName("http");
        return threads;
    }

    /** Starts listening; {@code port} 0 picks a free port. */
    public AdvisorServer start(int port) {
        javalin.start(port);
        metricsPort.ifPresent(this::listenForMetrics);
        for (Connector connector : javalin.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector jetty) {
                // On stop, a kept-alive connection with no request on it is closed after this (Jetty's default is
                // 1 s); a request in flight still gets the stop timeout above.
                jetty.setShutdownIdleTimeout(IDLE_CONNECTION_ON_STOP.toMillis());
            }
        }
        ready.set(true);
        log.info("listening port={} path={}", javalin.port(), EVENTS_PATH);
        return this;
    }

    /** A second connector, for {@code /metrics} without a token (see {@link OperatorMetrics}). */
    private void listenForMetrics(int port) {
        Server server = javalin.jettyServer().server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            javalin.stop();
            throw new MetricsPortException("could not listen on METRICS_PORT " + port + " (" + e.getMessage() + ")",
                    e);
        }
        log.info("metrics_listening port={}", port);
    }

    /** The metrics port could not be listened on (in use, say); the server is stopped. */
    public static final class MetricsPortException extends RuntimeException {
        MetricsPortException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public int port() {
        return javalin.port();
    }

    /**
     * Completes once the first request from Slack has been answered: work that request does not need (opening the
     * database) can wait for it, so that on a cold start the first ack does not share the cores with it.
     */
    public CompletionStage<Void> firstSlackAnswer() {
        return firstSlackAnswer;
    }

    /** The Slack side, once it has been made. */
    private Optional<AdvisorApp> made() {
        return slack.isDone() && !slack.isCompletedExceptionally() ? Optional.of(slack.join()) : Optional.empty();
    }

    /** Stops taking requests, then lets posts already accepted finish within {@code grace}. */
    public void stop(Duration grace) {
        ready.set(false);
        javalin.stop();
        made().ifPresent(app -> app.drain(grace));
        log.info("stopped");
    }

    private void health(Context ctx) {
        Optional<String> problem = made().flatMap(app -> app.health().problem());
        if (!ready.get() || made().isEmpty()) {
            ctx.status(503).json(Map.of("status", "starting"));
        } else if (problem.isPresent()) {
            // 200, not 503: restarting the process cannot fix a revoked token, and the stateless parts still work.
            ctx.json(Map.of("status", "misconfigured", "problem", problem.get()));
        } else {
            ctx.json(Map.of("status", "ok"));
        }
    }
}
