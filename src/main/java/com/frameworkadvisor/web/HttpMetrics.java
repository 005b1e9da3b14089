package com.frameworkadvisor.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request by kind and status ({@code http.server.requests}): for Slack's requests the kind is
 * what the router found ({@code slash_command}, {@code view_submission}, {@code event}…, or {@code unsigned}); for
 * the others, the route ({@code health}, {@code metrics}) or {@code not_found}. Nothing from the request itself
 * becomes a label, so a caller cannot create new series.
 */
final class HttpMetrics {
    /** The context attribute where the Slack adapter leaves the request's kind. */
    static final String KIND = "advisor.kind";

    private final MeterRegistry meters;

    HttpMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(Context ctx, float executionMillis) {
        String kind = ctx.attribute(KIND);
        if (kind == null) {
            kind = switch (ctx.path()) {
                case AdvisorServer.HEALTH_PATH -> "health";
                case OperatorMetrics.PATH -> "metrics";
                case PrivacyPage.PATH -> "privacy";
                case AdvisorServer.EVENTS_PATH -> "refused";
                default -> "not_found";
            };
        }
        Timer.builder("http.server.requests").description("HTTP requests, by kind and status")
                .tag("kind", kind).tag("status", Integer.toString(ctx.statusCode())).register(meters)
                .record((long) (executionMillis * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
