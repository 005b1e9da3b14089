package com.frameworkadvisor.slack.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a submitted decision goes, carried in the modal's {@code private_metadata} so the app keeps no state:
 * the channel and thread, and for a re-answer the headline message to update, the original asker and the answers
 * being revised.
 *
 * @param channel the conversation to post in
 * @param threadTs the thread to reply in; empty for a new decision posted at the top of the channel
 * @param parentTs the headline message of the decision, updated after a re-answer; empty for a new decision
 * @param askedBy who started the decision; empty for a new one (the submitter)
 * @param previous the answers being revised ({@code question id → option id}); empty map for a new decision
 */
public record ModalMetadata(String channel, Optional<String> threadTs, Optional<String> parentTs,
                            Optional<String> askedBy, Map<String, String> previous) {
    /** Slack's limit for {@code private_metadata}. */
    static final int MAX_LENGTH = 3000;

    /**
     * Checks every part, however the metadata was built: from our own JSON coming back through Slack, or from a
     * Re-answer button's payload.
     *
     * @throws UnreadablePayloadException naming the malformed part
     */
    public ModalMetadata {
        Objects.requireNonNull(threadTs, "threadTs");
        Objects.requireNonNull(parentTs, "parentTs");
        Objects.requireNonNull(askedBy, "askedBy");
        if (!SlackPayloadParts.isChannelId(channel)) {
            throw new UnreadablePayloadException("private_metadata has no valid channel");
        }
        if (threadTs.filter(ts -> !SlackPayloadParts.isMessageTs(ts)).isPresent()
                || parentTs.filter(ts -> !SlackPayloadParts.isMessageTs(ts)).isPresent()) {
            throw new UnreadablePayloadException("private_metadata has a malformed message timestamp");
        }
        if (parentTs.isPresent() && threadTs.isEmpty()) {
            throw new UnreadablePayloadException("private_metadata has a parent_ts without a thread_ts");
        }
        if (askedBy.filter(user -> !SlackPayloadParts.isUserId(user)).isPresent()) {
            throw new UnreadablePayloadException("private_metadata has a malformed asked_by");
        }
        previous = Collections.unmodifiableMap(new LinkedHashMap<>(previous)); // in the order given: output is stable
    }

    /** A new decision posted at the top of a channel. */
    public static ModalMetadata newDecision(String channel) {
        return new ModalMetadata(channel, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** A new decision posted into an existing thread (the message shortcut). */
    public static ModalMetadata newDecisionInThread(String channel, String threadTs) {
        return new ModalMetadata(channel, Optional.of(threadTs), Optional.empty(), Optional.empty(), Map.of());
    }

    /** A re-answer: replies go to {@code threadTs}, and the headline {@code parentTs} is updated. */
    public static ModalMetadata revision(String channel, String threadTs, String parentTs, String askedBy,
                                  Map<String, String> previous) {
        return new ModalMetadata(channel, Optional.of(threadTs), Optional.of(parentTs), Optional.of(askedBy),
                previous);
    }

    public boolean isRevision() {
        return parentTs.isPresent() && !previous.isEmpty();
    }

    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("channel", channel);
        threadTs.ifPresent(ts -> node.put("thread_ts", ts));
        parentTs.ifPresent(ts -> node.put("parent_ts", ts));
        askedBy.ifPresent(user -> node.put("asked_by", user));
        if (!previous.isEmpty()) {
            ObjectNode answers = node.putObject("previous");
            previous.forEach(answers::put);
        }
        return SlackLimits.withinLimit(node.toString(), MAX_LENGTH, "private_metadata");
    }

    /** @throws UnreadablePayloadException when the metadata is not what {@link #toJson} writes */
    public static ModalMetadata parse(ObjectMapper json, String text) {
        JsonNode node = UnreadablePayloadException.readObject(json, text, "private_metadata");
        return new ModalMetadata(node.path("channel").asText(null), optionalText(node, "thread_ts"),
                optionalText(node, "parent_ts"), optionalText(node, "asked_by"), answers(node.path("previous")));
    }

    /** Reads a {@code question id → option id} object; ids are checked against the bank later. */
    static Map<String, String> answers(JsonNode node) {
        Map<String, String> answers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return answers;
        }
        if (!node.isObject()) {
            throw new UnreadablePayloadException("answers are not a JSON object");
        }
        node.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw new UnreadablePayloadException("the answer to '" + field.getKey() + "' is not text");
            }
            answers.put(field.getKey(), field.getValue().asText());
        });
        return answers;
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new UnreadablePayloadException("private_metadata field " + field + " is not text");
        }
        return Optional.of(value.asText());
    }
}
