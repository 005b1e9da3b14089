package com.frameworkadvisor.slack.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.store.DeliveryStore;
import com.frameworkadvisor.store.PendingDelivery;
import com.frameworkadvisor.store.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** Handled event ids are kept this long (Slack redelivers within the hour), then purged. */
    static final Duration KEEP_EVENTS = Duration.ofDays(1);

    private final DeliveryStore store;
    private final PostingExecutor executor;
    private final DecisionPoster poster;
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
    private final DeliveryAttempts attempts;
    private volatile boolean stopping;
    /** Deliveries are waiting in the outbox for a posting thread (set when one could not be run at once). */
    private volatile boolean backlogged;

    public DeliveryWorker(DeliveryStore store, PostingExecutor executor, DecisionPoster poster, QuestionBank bank,
                          ObjectMapper json, Clock clock, MeterRegistry meters) {
        this(store, executor, poster, bank, json, clock, meters, DeliveryAttempts.FIRST_RETRY);
    }

    /** @param firstRetry the first wait before trying a delivery again (tests shorten it) */
    DeliveryWorker(DeliveryStore store, PostingExecutor executor, DecisionPoster poster, QuestionBank bank,
                   ObjectMapper json, Clock clock, MeterRegistry meters, Duration firstRetry) {
        handlers.put(Submission.KIND, (delivery, progress) ->
                poster.deliver(Submission.parse(json, bank, delivery.payload()), progress));
        this.store = store;
        this.executor = executor;
        this.poster = poster;
        this.json = json;
        this.clock = clock;
        this.attempts = new DeliveryAttempts(store, owner, new DeliveryMetrics(store, clock, meters), clock,
                firstRetry);
    }

    /**
     * Accepts a submission, before its ack: stored in the outbox and handed to the posting threads. With the
     * database down it is still posted, from memory only (and the log says so); with the posting threads busy, it
     * waits in the outbox for a free thread.
     *
     * @throws RejectedExecutionException when it could be neither stored nor posted: the user must submit again
     */
    public void accept(Submission submission) {
        // Waits briefly for a posting thread, so that acks follow the posting rate and a recommendation appears
        // soon after its ack; past that wait the delivery stays in the outbox, and the next free thread takes it.
        accept(Submission.KIND, submission.workspace(), submission.toJson(json),
                (delivery, progress) -> poster.deliver(submission, progress), true);
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
        accept(kind, workspace, payload, handler, false);
    }

    private void accept(String kind, String workspace, String payload, Handler handler, boolean waitForRoom) {
        Instant now = clock.instant();
        long id;
        try {
            id = store.accept(kind, workspace, payload, now, owner, LEASE);
        } catch (StoreUnavailableException e) {
            log.warn("delivery_not_durable kind={} workspace={} problem=\"{}\"", kind, workspace, e.getMessage());
            PendingDelivery inMemory = new PendingDelivery(-1, kind, workspace, payload, 0, Optional.empty(), 1, now);
            executor.execute(() -> deliverFromMemory(inMemory, handler));
            return;
        }
        hand(new PendingDelivery(id, kind, workspace, payload, 0, Optional.empty(), 1, now), handler, waitForRoom);
    }

    /** Hands a claimed delivery to a posting thread, or back to the outbox when none is free (soon enough). */
    private void hand(PendingDelivery delivery, Handler handler, boolean waitForRoom) {
        working.add(delivery.id());
        Runnable work = () -> run(delivery, handler);
        boolean taken;
        if (waitForRoom) {
            try {
                executor.execute(work);
                taken = true;
            } catch (RejectedExecutionException e) {
                taken = false;
            }
        } else {
            taken = executor.tryExecute(work);
        }
        if (!taken) {
            working.remove(delivery.id());
            attempts.giveBack(delivery.id(), Duration.ZERO, "posting is behind");
            backlogged = true;
        }
    }

    /** The database was down at the ack: one attempt, and if it cannot be done now, the log keeps it. */
    private void deliverFromMemory(PendingDelivery delivery, Handler handler) {
        try {
            Outcome outcome = handler.deliver(delivery, Progress.inMemory());
            if (outcome instanceof Outcome.TryAgain again) {
                log.error("delivery_abandoned kind={} workspace={} problem=\"{} (the database was down, so it "
                        + "could not wait for another attempt)\" payload={}", delivery.kind(), delivery.workspace(),
                        again.problem(), delivery.payload());
            }
        } catch (RuntimeException e) {
            log.error("delivery_abandoned kind={} workspace={} problem=unexpected payload={}", delivery.kind(),
                    delivery.workspace(), delivery.payload(), e);
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
        timer.scheduleWithFixedDelay(logged("claim", this::claimPending), 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(logged("renew", this::renewLeases), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(logged("purge", this::purge), 1, 60, TimeUnit.MINUTES);
    }

    /** A task that runs again after an unexpected failure: a scheduled task that throws is never run again. */
    private static Runnable logged(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("delivery_timer_failed task={} error=unexpected", what, e);
            }
        };
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
            hand(delivery, handlers.get(delivery.kind()), false);
        }
        if (claimed.size() == room) {
            // There may be more waiting.
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
        try {
            attempts.run(delivery, handler);
        } finally {
            working.remove(delivery.id());
            if (backlogged && !stopping) {
                // Deliveries wait in the outbox for a thread: this one is free now.
                backlogged = false;
                try {
                    timer.execute(logged("claim", this::claimPending));
                } catch (RejectedExecutionException e) {
                    // Stopping: the next start takes them.
                }
            }
        }
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
