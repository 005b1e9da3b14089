package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A message ready to post: the notification and screen-reader {@code text}, the Block Kit {@code blocks}, and the
 * message {@code metadata} ({@code event_type} and {@code event_payload}).
 */
public record SlackMessage(String text, ArrayNode blocks, ObjectNode metadata) {
    /** Slack's limit of blocks in one message. */
    static final int MAX_BLOCKS = 50;

    public SlackMessage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(blocks, "blocks");
        Objects.requireNonNull(metadata, "metadata");
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("a message has " + blocks.size() + " blocks; Slack allows "
                    + MAX_BLOCKS);
        }
    }
}
