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
 * What the parent message's buttons carry in their {@code value} so pressing one needs no stored state: the
 * project, who asked first, the answers of the message they sit on, and, on a recorded decision's Reopen
 * button, who recorded it.
 */
public record DecisionButtonValue(Optional<String> project, String askedBy, Map<String, String> answers,
                     Optional<String> recordedBy) {
    /** Slack's limit for a button's {@code value}. */
    static final int MAX_LENGTH = 2000;

    public DecisionButtonValue {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(askedBy, "askedBy");
        Objects.requireNonNull(recordedBy, "recordedBy");
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers)); // in the order given: output is stable
    }

    public DecisionButtonValue(Optional<String> project, String askedBy, Map<String, String> answers) {
        this(project, askedBy, answers, Optional.empty());
    }

    /** The same value on a recorded decision's Reopen button. */
    public DecisionButtonValue recordedBy(String user) {
        return new DecisionButtonValue(project, askedBy, answers, Optional.of(user));
    }

    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        project.ifPresent(p -> node.put("project", p));
        node.put("asked_by", askedBy);
        ObjectNode chosen = node.putObject("answers");
        answers.forEach(chosen::put);
        recordedBy.ifPresent(user -> node.put("recorded_by", user));
        return SlackLimits.withinLimit(node.toString(), MAX_LENGTH, "button value");
    }

    /** @throws UnreadablePayloadException when the value is not what {@link #toJson} writes */
    public static DecisionButtonValue parse(ObjectMapper json, String text) {
        if (text != null && text.length() > MAX_LENGTH) {
            throw new UnreadablePayloadException("the button value is longer than Slack allows");
        }
        JsonNode node = UnreadablePayloadException.readObject(json, text, "the button value");
        JsonNode project = node.get("project");
        if (project != null && !project.isTextual()) {
            throw new UnreadablePayloadException("the button's project is not text");
        }
        String askedBy = node.path("asked_by").asText(null);
        if (!SlackPayloadParts.isUserId(askedBy)) {
            throw new UnreadablePayloadException("the button has no valid asked_by");
        }
        String recordedBy = node.path("recorded_by").asText(null);
        if (recordedBy != null && !SlackPayloadParts.isUserId(recordedBy)) {
            throw new UnreadablePayloadException("the button has a malformed recorded_by");
        }
        return new DecisionButtonValue(Optional.ofNullable(project).map(JsonNode::asText), askedBy,
                ModalMetadata.answers(node.path("answers")), Optional.ofNullable(recordedBy));
    }
}
