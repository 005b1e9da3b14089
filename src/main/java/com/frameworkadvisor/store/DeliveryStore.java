package com.frameworkadvisor.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: work accepted from Slack (a submitted decision) is stored here before it is acked, then delivered
 * by a worker, which records each step as it is done. Any instance on the same database may deliver it, one at a
 * time: an instance claims a delivery for a lease, renews the lease while it works, and a delivery whose lease has
 * passed (its instance died) is anyone's. Every method may throw {@link StoreUnavailableException}; those that
 * record progress throw {@link LeaseLostException} when the lease was lost.
 */
public interface DeliveryStore {
    /** Stores a new delivery, already claimed by {@code owner} for {@code lease}, and returns its id. */
    long accept(String kind, String workspace, String payload, Instant acceptedAt, String owner, Duration lease);

    /**
     * Claims up to {@code max} pending deliveries nobody holds (oldest first) for {@code lease}, skipping those
     * another instance is claiming at this moment.
     */
    List<PendingDelivery> claim(String owner, int max, Duration lease);

    /**
     * On start: when no other process can be using the database (the embedded one, locked to this process), makes
     * every pending delivery claimable at once, whoever held it before a restart; on a shared database it does
     * nothing, and a dead instance's leases run out instead. Those {@code owner} (this process) holds stay held:
     * submissions acked while the database was opening are being posted already, and freed they would be claimed
     * and posted a second time.
     *
     * @return how many were held
     */
    int releaseAbandoned(String owner);

    /** Records that the first {@code stepsDone} steps are done, and the parent message once it is posted. */
    void recordStep(long id, String owner, int stepsDone, Optional<PendingDelivery.PostedMessage> parent);

    /** The delivery is done: it is removed. */
    void finish(long id, String owner);

    /**
     * Gives the delivery back, to be claimed again after {@code delay} (whole seconds; Slack was unreachable), or at
     * once when it is zero (no posting thread was free).
     */
    void retryLater(long id, String owner, Duration delay, String error);

    /** The delivery can never be made; it is kept, with {@code error}, for an operator. */
    void fail(long id, String owner, String error);

    /** Extends the lease on every delivery {@code owner} holds; returns how many. */
    int renew(String owner, Duration lease);

    /** Gives back every delivery {@code owner} holds, claimable at once (on shutdown). */
    int release(String owner);

    /** How many deliveries are pending, and when the oldest was accepted. */
    Backlog backlog();

    record Backlog(long pending, Optional<Instant> oldestAcceptedAt) {
    }

    /**
     * Whether this Events API event is seen for the first time, recording it: a redelivery of a handled event
     * ({@code X-Slack-Retry-Num}) answers false, across restarts and instances.
     */
    boolean firstTimeSeen(String eventId, String workspace, String type, Instant at);

    /**
     * Deletes every delivery of a workspace but {@code keep} (the one deleting it): the app was uninstalled there.
     * Its event ids stay until {@link #purge} (a day): the uninstall event's own id among them, so that Slack's
     * redelivery of it, after the data is gone, is still recognised and not handled twice.
     */
    int deleteWorkspace(String workspace, long keep);

    /** Deletes the ids of events handled before {@code before}; returns how many went. */
    int purge(Instant before);
}
