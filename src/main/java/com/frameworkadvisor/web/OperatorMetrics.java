package com.frameworkadvisor.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The app's metrics for operators. Every part of the app records into {@link #registry()}; with
 * {@code METRICS_TOKEN} set, {@code GET /metrics} serves them in Prometheus's text format to
 * {@code Authorization: Bearer <METRICS_TOKEN>} and answers 401 to anything else. With {@code METRICS_PORT} set, the
 * server also listens on that port, where {@code /metrics} needs no token: for a scraper inside the platform's
 * network, such as Cloud Foundry's Metric Registrar (which sends no token). With neither, the endpoint is off (404)
 * and the registry keeps nothing. The Prometheus registry and the JVM's meters start after the server listens
 * ({@link #start}), off the path to the first ack; meters recorded before then are carried over.
 */
public final class OperatorMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OperatorMetrics.class);
    static final String PATH = "/metrics";

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final Optional<byte[]> token;
    private final Optional<Integer> internalPort;
    private volatile PrometheusMeterRegistry prometheus;
    private volatile JvmGcMetrics gc;

    public OperatorMetrics(Optional<String> token, Optional<Integer> internalPort) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.internalPort = internalPort;
    }

    /** The port where {@code /metrics} needs no token, if any. */
    Optional<Integer> internalPort() {
        return internalPort;
    }

    private boolean enabled() {
        return token.isPresent() || internalPort.isPresent();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Starts keeping metrics, when the endpoint is on: the Prometheus registry and the JVM's memory, GC, threads. */
    public void start() {
        if (!enabled() || prometheus != null) {
            return;
        }
        PrometheusMeterRegistry started = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.add(started);
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        prometheus = started;
        log.info("metrics_enabled path={}", PATH);
    }

    void serve(Context ctx) {
        boolean internal = internalPort.isPresent() && ctx.req().getLocalPort() == internalPort.get();
        if (!internal && token.isEmpty()) {
            ctx.status(404).result("Not found");
            return;
        }
        String authorization = ctx.header("Authorization");
        byte[] given = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!internal && !MessageDigest.isEqual(given, token.get())) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
            ctx.status(401).result("A bearer token (METRICS_TOKEN) is required");
            return;
        }
        PrometheusMeterRegistry scraped = prometheus;
        if (scraped == null) {
            ctx.status(503).result("Metrics are starting");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scraped.scrape());
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
