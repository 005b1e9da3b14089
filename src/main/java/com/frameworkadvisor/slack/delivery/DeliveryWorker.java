package com.frameworkadvisor.slack.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.payload.UnreadablePayloadException;
import com.frameworkadvisor.store.DeliveryStore;
import com.frameworkadvisor.store.LeaseLostException;
import com.frameworkadvisor.store.PendingDelivery;
import com.frameworkadvisor.store.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Durable delivery. A submission is stored in the outbox ({@link DeliveryStore}) before it is acked, claimed by this
 * instance, and handed to the posting threads at once; each step is recorded as it is done. A delivery this
 * instance cannot finish (Slack unreachable, the process stopped or killed) stays pending: it is tried again later
 * here, or by any instance on the same database once its lease has passed. On start, pending deliveries resume.
 *
 * <p>The guarantee is at least once: every acked submission is posted. The one window for a duplicate is a post
 * Slack carried out whose answer the app never recorded (the process killed, or Slack not answering within the
 * timeout, between the post and its {@code ts} being stored): the resumed delivery posts it again.
 */
public final class DeliveryWorker {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** How long a claim holds without renewal; a dead instance's deliveries are taken over after it. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How often held leases are renewed, and pending deliveries looked for. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration POLL = Duration.ofSeconds(2);
    /** Slack unreachable: the first wait before trying again, doubled each time up to the cap. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
    /** Past this age a delivery Slack keeps refusing is given up (and logged with its answers). */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    /** Claimed this often and never finished (each claim a crash, say): given up. */
    static final int MAX_ATTEMPTS = 20;
    /** Handled event ids are kept this long (Slack redelivers within the hour), then purged. */
    static final Duration KEEP_EVENTS = Duration.ofDays(1);

    private final DeliveryStore store;
    private final PostingExecutor executor;
    private final DecisionPoster poster;
    private final QuestionBank bank;
    private final ObjectMapper json;
    private final Clock clock;
    /** This process, as the owner of its claims: a new one on every start. */
    private final String owner = UUID.randomUUID().toString();
    private final Set<Long> working = ConcurrentHashMap.newKeySet();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Timer toPost;
    private final MeterRegistry meters;
    private final Duration firstRetry;
    private volatile boolean stopping;
    /** Deliveries are waiting in the outbox for a posting thread (set when one could not be run at once). */
    private volatile boolean backlogged;
    private volatile CachedBacklog backlog = new CachedBacklog(Long.MIN_VALUE, null);

    private record CachedBacklog(long readAt, DeliveryStore.Backlog backlog) {
    }

    public DeliveryWorker(DeliveryStore store, PostingExecutor executor, DecisionPoster poster, QuestionBank bank,
                          ObjectMapper json, Clock clock, MeterRegistry meters) {
        this(store, executor, poster, bank, json, clock, meters, FIRST_RETRY);
    }

    /** @param firstRetry the first wait before trying a delivery again (tests shorten it) */
    DeliveryWorker(DeliveryStore store, PostingExecutor executor, DecisionPoster poster, QuestionBank bank,
                   ObjectMapper json, Clock clock, MeterRegistry meters, Duration firstRetry) {
        this.firstRetry = firstRetry;
        handlers.put(Submission.KIND, (delivery, progress) ->
                poster.deliver(Submission.parse(json, bank, delivery.payload()), progress));
        this.store = store;
        this.executor = executor;
        this.poster = poster;
        this.bank = bank;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.toPost = Timer.builder("advisor.delivery.time")
                .description("From the ack of a submission to the end of its delivery")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        // Both read the database (at most once a second); NaN while it is unreachable.
        Gauge.builder("advisor.deliveries.pending", this, worker -> worker.backlog()
                        .map(b -> (double) b.pending()).orElse(Double.NaN))
                .description("Deliveries accepted and not yet delivered, on every instance").register(meters);
        Gauge.builder("advisor.deliveries.oldest.age", this, worker -> worker.backlog()
                        .map(b -> b.oldestAcceptedAt().map(at -> Duration.between(at, clock.instant()).toMillis()
                                / 1000.0).orElse(0.0)).orElse(Double.NaN))
                .description("How long the oldest pending delivery has waited").baseUnit("seconds").register(meters);
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

    /**
     * Accepts a submission, before its ack: stored in the outbox and handed to the posting threads. With the
     * database down it is still posted, from memory only (and the log says so); with the posting threads busy, it
     * waits in the outbox for a free thread.
     *
     * @throws RejectedExecutionException when it could be neither stored nor posted: the user must submit again
     */
    public void accept(Submission submission) {
        Instant now = clock.instant();
        String payload = submission.toJson(json);
        long id;
        try {
            id = store.accept(Submission.KIND, submission.workspace(), payload, now, owner, LEASE);
        } catch (StoreUnavailableException e) {
            log.warn("delivery_not_durable channel={} user={} problem=\"{}\"", submission.target().channel(),
                    submission.userId(), e.getMessage());
            executor.execute(() -> deliverFromMemory(submission, payload));
            return;
        }
        PendingDelivery delivery = new PendingDelivery(id, Submission.KIND, submission.workspace(), payload, 0,
                Optional.empty(), 1, now);
        working.add(id);
        // Waits briefly for a posting thread, so that acks follow the posting rate and a recommendation appears
        // soon after its ack; past that wait the delivery stays in the outbox, and the next free thread takes it.
        try {
            executor.execute(() -> run(delivery, (d, progress) -> poster.deliver(submission, progress)));
        } catch (RejectedExecutionException e) {
            working.remove(id);
            giveBack(id, Duration.ZERO, "posting is behind");
            backlogged = true;
        }
    }

    /** The database was down at the ack: one attempt, and if Slack cannot take it, the log keeps it. */
    private void deliverFromMemory(Submission submission, String payload) {
        try {
            Outcome outcome = poster.deliver(submission);
            if (outcome instanceof Outcome.TryAgain again) {
                log.error("delivery_abandoned kind={} workspace={} problem=\"{} (the database was down, so it "
                        + "could not wait for another attempt)\" payload={}", Submission.KIND,
                        submission.workspace(), again.problem(), payload);
            }
        } catch (RuntimeException e) {
            log.error("delivery_abandoned kind={} workspace={} problem=unexpected payload={}", Submission.KIND,
                    submission.workspace(), payload, e);
        }
    }

    /** Resumes the deliveries left pending, and starts looking for more (another instance's, once it died). */
    public void start() {
        try {
            int released = store.releaseAbandoned(owner);
            if (released > 0) {
                log.info("deliveries_resumed count={}", released);
            }
        } catch (StoreUnavailableException e) {
            log.warn("deliveries_not_resumed problem=\"{}\"", e.getMessage());
        }
        timer.scheduleWithFixedDelay(this::claimPending, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::renewLeases, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    private void claimPending() {
        int room = executor.room();
        if (stopping || room == 0) {
            return;
        }
        List<PendingDelivery> claimed;
        try {
            claimed = store.claim(owner, room, LEASE);
        } catch (StoreUnavailableException e) {
            log.warn("deliveries_not_claimed problem=\"{}\"", e.getMessage());
            return;
        }
        for (PendingDelivery delivery : claimed) {
            working.add(delivery.id());
            if (!executor.tryExecute(() -> run(delivery, handlers.get(delivery.kind())))) {
                working.remove(delivery.id());
                giveBack(delivery.id(), Duration.ZERO, "posting is behind");
                backlogged = true;
            }
        }
        if (claimed.size() == room) {
            // There may be more waiting.
            backlogged = true;
        }
    }

    /**
     * Accepts other work for after the ack, of a kind a {@link Handler} was registered for: stored first, so that it
     * is done even if the app stops; with the database down, done from memory at once.
     */
    public void accept(String kind, String workspace, String payload) {
        Handler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalArgumentException("no handler for deliveries of kind " + kind);
        }
        Instant now = clock.instant();
        long id;
        try {
            id = store.accept(kind, workspace, payload, now, owner, LEASE);
        } catch (StoreUnavailableException e) {
            log.warn("delivery_not_durable kind={} workspace={} problem=\"{}\"", kind, workspace, e.getMessage());
            PendingDelivery inMemory = new PendingDelivery(-1, kind, workspace, payload, 0, Optional.empty(), 1, now);
            executor.execute(() -> handler.deliver(inMemory, Progress.inMemory()));
            return;
        }
        PendingDelivery delivery = new PendingDelivery(id, kind, workspace, payload, 0, Optional.empty(), 1, now);
        working.add(id);
        if (!executor.tryExecute(() -> run(delivery, handler))) {
            working.remove(id);
            giveBack(id, Duration.ZERO, "posting is behind");
            backlogged = true;
        }
    }

    /** Registers what delivers work of {@code kind} (one handler per kind). */
    public void handle(String kind, Handler handler) {
        handlers.put(kind, handler);
    }

    /** Delivers one kind of work, from the step after the last one its progress records. */
    public interface Handler {
        Outcome deliver(PendingDelivery delivery, Progress progress);
    }

    private void run(PendingDelivery delivery, Handler handler) {
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
                count("failed");
            } else {
                store.finish(delivery.id(), owner);
                toPost.record(Duration.between(delivery.acceptedAt(), clock.instant()));
                count("delivered");
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
            working.remove(delivery.id());
            MDC.remove("delivery_id");
            if (backlogged && !stopping) {
                // Deliveries wait in the outbox for a thread: this one is free now.
                backlogged = false;
                try {
                    timer.execute(this::claimPending);
                } catch (RejectedExecutionException e) {
                    // Stopping: the next start takes them.
                }
            }
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
        count("retried");
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
        count("failed");
    }

    private void giveBack(long id, Duration after, String problem) {
        try {
            store.retryLater(id, owner, after, problem);
        } catch (StoreUnavailableException | LeaseLostException e) {
            // Its lease runs out instead.
            log.warn("delivery_not_given_back id={} problem=\"{}\"", id, e.getMessage());
        }
    }

    private void count(String outcome) {
        Counter.builder("advisor.deliveries").tag("outcome", outcome)
                .description("Deliveries ended, by outcome").register(meters).increment();
    }

    private void renewLeases() {
        if (working.isEmpty()) {
            return;
        }
        try {
            store.renew(owner, LEASE);
        } catch (StoreUnavailableException e) {
            log.warn("delivery_leases_not_renewed problem=\"{}\"", e.getMessage());
        }
    }

    private void purge() {
        try {
            int purged = store.purge(clock.instant().minus(KEEP_EVENTS));
            if (purged > 0) {
                log.info("event_ids_purged rows={}", purged);
            }
        } catch (StoreUnavailableException e) {
            log.warn("event_ids_not_purged problem=\"{}\"", e.getMessage());
        }
    }

    /**
     * Stops claiming, waits up to {@code grace} for the deliveries under way, and gives back those not finished, so
     * the next start (or another instance) takes them at once.
     *
     * @return whether everything under way finished
     */
    public boolean stop(Duration grace) {
        stopping = true;
        timer.shutdownNow();
        boolean finished = executor.drain(grace);
        try {
            int released = store.release(owner);
            if (released > 0) {
                log.warn("deliveries_left_pending count={} (the next start resumes them)", released);
            }
        } catch (StoreUnavailableException e) {
            log.warn("deliveries_not_released problem=\"{}\" (their leases run out instead)", e.getMessage());
        }
        return finished;
    }
}
