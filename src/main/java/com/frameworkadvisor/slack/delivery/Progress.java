package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.store.PendingDelivery.PostedMessage;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a delivery got, recorded as it goes, so that a resumed delivery skips what was done: above all, a parent
 * message whose {@code ts} is recorded is never posted again.
 */
public interface Progress {
    /** The parent message is posted, with its ts: a resumed delivery never posts it again. */
    int PARENT_POSTED = 1;

    /**
     * The thread reply (a Re-answer's reply) is posted. What follows (the answers stored, the parent updated) is
     * recorded by finishing the delivery: a delivery resumed before its finish was written stores its answers once
     * and updates the parent again, which changes nothing.
     */
    int REPLY_POSTED = 2;

    /** The outbox's id of the delivery; empty for one kept only in memory (the database was down at the ack). */
    OptionalLong deliveryId();

    /** How many of its steps were recorded as done (for the logs; a parent, once posted, is one). */
    int stepsDone();

    Optional<PostedMessage> parent();

    /** Records the parent message, just posted ({@link #PARENT_POSTED}). */
    void parentPosted(PostedMessage parent);

    /** Records the thread reply, just posted ({@link #REPLY_POSTED}). */
    void replyPosted();

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

            @Override
            public void replyPosted() {
                steps = REPLY_POSTED;
            }
        };
    }
}
