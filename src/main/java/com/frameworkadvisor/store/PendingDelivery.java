package com.frameworkadvisor.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery claimed by this instance: what to deliver and how far it got.
 *
 * @param kind what it delivers (the worker's handler for it)
 * @param payload what the handler needs, as it wrote it when the delivery was accepted
 * @param stepsDone how many of the kind's steps are done; a resumed delivery starts after them
 * @param parent the headline message, once posted
 * @param attempts how many times it has been claimed, this time included
 * @param acceptedAt when it was accepted (the ack)
 */
public record PendingDelivery(long id, String kind, String workspace, String payload, int stepsDone,
                              Optional<PostedMessage> parent, int attempts, Instant acceptedAt) {
    public PendingDelivery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /** A message posted in Slack: its conversation and its {@code ts}. */
    public record PostedMessage(String channel, String ts) {
        public PostedMessage {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(ts, "ts");
        }
    }
}
