package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.slack.payload.UnreadablePayloadException;
import com.frameworkadvisor.store.DeliveryStore;
import com.frameworkadvisor.store.LeaseLostException;
import com.frameworkadvisor.store.PendingDelivery;
import com.frameworkadvisor.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;

/**
 * One attempt at a claimed delivery ({@link DeliveryWorker}), and how it ends in the outbox: finished, given back to
 * be tried again later (the wait doubling from {@link #FIRST_RETRY} up to {@link #LONGEST_RETRY}), or given up and
 * logged with what it carried, so an operator can act.
 */
final class DeliveryAttempts {
    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);
    /** Slack unreachable: the first wait before trying again, doubled each time up to the cap. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
    /** Past this age a delivery Slack keeps refusing is given up (and logged with its answers). */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    /** Claimed this often and never finished (each claim a crash, say): given up. */
    static final int MAX_ATTEMPTS = 20;

    private final DeliveryStore store;
    private final String owner;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration firstRetry;

    /**
     * @param owner      this process, as the owner of its claims
     * @param firstRetry the first wait before trying a delivery again (tests shorten it)
     */
    DeliveryAttempts(DeliveryStore store, String owner, DeliveryMetrics metrics, Clock clock, Duration firstRetry) {
        this.store = store;
        this.owner = owner;
        this.metrics = metrics;
        this.clock = clock;
        this.firstRetry = firstRetry;
    }

    /** Delivers {@code delivery} with its kind's {@code handler} (none: given up), and records how it ended. */
    void run(PendingDelivery delivery, DeliveryWorker.Handler handler) {
        MDC.put("delivery_id", Long.toString(delivery.id()));
        try {
            if (delivery.attempts() > MAX_ATTEMPTS) {
                abandon(delivery, "gave up after " + MAX_ATTEMPTS + " attempts");
                return;
            }
            if (handler == null) {
                abandon(delivery, "no handler for deliveries of kind " + delivery.kind());
                return;
            }
            Outcome outcome = handler.deliver(delivery, new StoredProgress(store, owner, delivery));
            if (outcome instanceof Outcome.TryAgain again) {
                tryAgain(delivery, again.problem());
            } else if (outcome instanceof Outcome.Failed failed) {
                store.fail(delivery.id(), owner, failed.problem());
                metrics.ended("failed");
            } else {
                store.finish(delivery.id(), owner);
                metrics.delivered(delivery.acceptedAt());
            }
        } catch (UnreadablePayloadException e) {
            abandon(delivery, "unreadable payload: " + e.getMessage());
        } catch (LeaseLostException e) {
            log.warn("delivery_lease_lost id={}", delivery.id());
        } catch (StoreUnavailableException e) {
            // Its lease runs out, and it is delivered again (the steps recorded are skipped).
            log.warn("delivery_progress_not_recorded id={} problem=\"{}\"", delivery.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("delivery_failed id={} error=unexpected", delivery.id(), e);
            abandon(delivery, "unexpected: " + e);
        } finally {
            MDC.remove("delivery_id");
        }
    }

    /** Gives a delivery back to the outbox, to be claimed again {@code after} (by any instance). */
    void giveBack(long id, Duration after, String problem) {
        try {
            store.retryLater(id, owner, after, problem);
        } catch (StoreUnavailableException | LeaseLostException e) {
            // Its lease runs out instead.
            log.warn("delivery_not_given_back id={} problem=\"{}\"", id, e.getMessage());
        }
    }

    private void tryAgain(PendingDelivery delivery, String problem) {
        if (Duration.between(delivery.acceptedAt(), clock.instant()).compareTo(GIVE_UP_AFTER) > 0) {
            abandon(delivery, "Slack unreachable for " + GIVE_UP_AFTER.toHours() + " hours: " + problem);
            return;
        }
        long doublings = Math.min(10, Math.max(0, delivery.attempts() - 1));
        Duration wait = firstRetry.multipliedBy(1L << doublings);
        wait = wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
        giveBack(delivery.id(), wait, problem);
        metrics.ended("retried");
    }

    /** Gives up on a delivery: kept as failed, and logged with what it carried so an operator can act. */
    private void abandon(PendingDelivery delivery, String problem) {
        log.error("delivery_abandoned id={} kind={} workspace={} accepted_at={} problem=\"{}\" payload={}",
                delivery.id(), delivery.kind(), delivery.workspace(), delivery.acceptedAt(), problem,
                delivery.payload());
        try {
            store.fail(delivery.id(), owner, problem);
        } catch (StoreUnavailableException | LeaseLostException e) {
            log.warn("delivery_not_marked_failed id={} problem=\"{}\"", delivery.id(), e.getMessage());
        }
        metrics.ended("failed");
    }
}
