package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.store.PendingDelivery.PostedMessage;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a delivery got, recorded as it goes, so that a resumed delivery skips what was done: above all, a parent
 * message whose {@code ts} is recorded is never posted again.
 */
public interface Progress {
    /**
     * The one step recorded on its own: the parent message is posted, with its ts. What follows (the thread reply,
     * the answers stored, the parent updated) is recorded by finishing the delivery, one write fewer per step: a
     * delivery resumed after a crash in between posts its thread reply again, and stores its answers once.
     */
    int PARENT_POSTED = 1;

    /** The outbox's id of the delivery; empty for one kept only in memory (the database was down at the ack). */
    OptionalLong deliveryId();

    /** How many of its steps were recorded as done (for the logs; a parent, once posted, is one). */
    int stepsDone();

    Optional<PostedMessage> parent();

    /** Records the parent message, just posted ({@link #PARENT_POSTED}). */
    void parentPosted(PostedMessage parent);

    /** Progress kept in memory only: nothing to resume from if the process stops. */
    static Progress inMemory() {
        return new Progress() {
            private int steps;
            private PostedMessage parent;

            @Override
            public OptionalLong deliveryId() {
                return OptionalLong.empty();
            }

            @Override
            public int stepsDone() {
                return steps;
            }

            @Override
            public Optional<PostedMessage> parent() {
                return Optional.ofNullable(parent);
            }

            @Override
            public void parentPosted(PostedMessage posted) {
                parent = posted;
                steps = PARENT_POSTED;
            }
        };
    }
}
