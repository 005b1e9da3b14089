package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.store.DeliveryStore;
import com.frameworkadvisor.store.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the outbox tells an operator ({@code GET /metrics}): deliveries ended by outcome, the time from ack to
 * delivered, and the backlog on every instance (how many are pending, how long the oldest has waited).
 */
final class DeliveryMetrics {
    private final DeliveryStore store;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer toPost;
    private volatile CachedBacklog backlog = new CachedBacklog(Long.MIN_VALUE, null);

    private record CachedBacklog(long readAt, DeliveryStore.Backlog backlog) {
    }

    DeliveryMetrics(DeliveryStore store, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.toPost = Timer.builder("advisor.delivery.time")
                .description("From the ack of a submission to the end of its delivery")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        // Both read the database (at most once a second); NaN while it is unreachable.
        Gauge.builder("advisor.deliveries.pending", this, metrics -> metrics.backlog()
                        .map(b -> (double) b.pending()).orElse(Double.NaN))
                .description("Deliveries accepted and not yet delivered, on every instance").register(meters);
        Gauge.builder("advisor.deliveries.oldest.age", this, metrics -> metrics.backlog()
                        .map(b -> b.oldestAcceptedAt().map(at -> Duration.between(at, clock.instant()).toMillis()
                                / 1000.0).orElse(0.0)).orElse(Double.NaN))
                .description("How long the oldest pending delivery has waited").baseUnit("seconds").register(meters);
    }

    /** A delivery ended: {@code delivered}, {@code retried} (given back for later) or {@code failed}. */
    void ended(String outcome) {
        Counter.builder("advisor.deliveries").tag("outcome", outcome)
                .description("Deliveries ended, by outcome").register(meters).increment();
    }

    /** A delivery accepted at {@code acceptedAt} was delivered now. */
    void delivered(Instant acceptedAt) {
        toPost.record(Duration.between(acceptedAt, clock.instant()));
        ended("delivered");
    }

    /** The outbox's backlog, read at most once a second (a scrape reads both gauges). */
    private Optional<DeliveryStore.Backlog> backlog() {
        CachedBacklog cached = backlog;
        long now = System.nanoTime();
        if (cached.backlog() == null || now - cached.readAt() > 1_000_000_000L) {
            try {
                cached = new CachedBacklog(now, store.backlog());
            } catch (StoreUnavailableException e) {
                return Optional.empty();
            }
            backlog = cached;
        }
        return Optional.of(cached.backlog());
    }
}
