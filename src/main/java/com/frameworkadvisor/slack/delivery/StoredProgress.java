package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.store.DeliveryStore;
import com.frameworkadvisor.store.PendingDelivery;
import com.frameworkadvisor.store.PendingDelivery.PostedMessage;
import com.frameworkadvisor.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;

/** {@link Progress} recorded in the outbox as each step is done, under this instance's claim. */
final class StoredProgress implements Progress {
    private static final Logger log = LoggerFactory.getLogger(StoredProgress.class);

    private final DeliveryStore store;
    private final String owner;
    private final long id;
    private int steps;
    private Optional<PostedMessage> parent;

    StoredProgress(DeliveryStore store, String owner, PendingDelivery delivery) {
        this.store = store;
        this.owner = owner;
        this.id = delivery.id();
        this.steps = delivery.stepsDone();
        this.parent = delivery.parent();
    }

    @Override
    public OptionalLong deliveryId() {
        return OptionalLong.of(id);
    }

    @Override
    public int stepsDone() {
        return steps;
    }

    @Override
    public Optional<PostedMessage> parent() {
        return parent;
    }

    @Override
    public void parentPosted(PostedMessage posted) {
        parent = Optional.of(posted);
        steps = PARENT_POSTED;
        // Recorded before anything else happens: from here on, a resumed delivery never posts it again.
        record();
    }

    @Override
    public void replyPosted() {
        steps = REPLY_POSTED;
        record();
    }

    /**
     * Records the progress; with the database unreachable the delivery goes on from memory, so the person gets the
     * whole result now (if it cannot be finished in the outbox either, it is delivered again later: a duplicate).
     *
     * @throws com.frameworkadvisor.store.LeaseLostException when another instance has taken the delivery over
     */
    private void record() {
        try {
            store.recordStep(id, owner, steps, parent);
        } catch (StoreUnavailableException e) {
            log.warn("delivery_step_not_recorded id={} steps_done={} problem=\"{}\"", id, steps, e.getMessage());
        }
    }
}
