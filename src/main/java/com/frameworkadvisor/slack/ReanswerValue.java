package com.frameworkadvisor.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Re-answer button carries in its {@code value} so pressing it needs no stored state: the project, who
 * asked first, and the answers of the message it sits on.
 */
record ReanswerValue(Optional<String> project, String askedBy, Map<String, String> answers) {
    /** Slack's limit for a button's {@code value}. */
    static final int MAX_LENGTH = 2000;

    ReanswerValue {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(askedBy, "askedBy");
        answers = Map.copyOf(answers);
    }

    String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        project.ifPresent(p -> node.put("project", p));
        node.put("asked_by", askedBy);
        ObjectNode chosen = node.putObject("answers");
        answers.forEach(chosen::put);
        String text = node.toString();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalStateException("button value is " + text.length() + " characters; Slack allows "
                    + MAX_LENGTH);
        }
        return text;
    }

    /** @throws UnreadablePayloadException when the value is not what {@link #toJson} writes */
    static ReanswerValue parse(ObjectMapper json, String text) {
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new UnreadablePayloadException("the button value is not a JSON object");
        }
        JsonNode project = node.get("project");
        if (project != null && !project.isTextual()) {
            throw new UnreadablePayloadException("the button's project is not text");
        }
        String askedBy = node.path("asked_by").asText(null);
        if (!Mrkdwn.isUserId(askedBy)) {
            throw new UnreadablePayloadException("the button has no valid asked_by");
        }
        return new ReanswerValue(Optional.ofNullable(project).map(JsonNode::asText), askedBy,
                ModalMetadata.answers(node.path("answers")));
    }
}
