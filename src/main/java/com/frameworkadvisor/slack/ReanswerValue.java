package com.frameworkadvisor.slack;

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
        return Blocks.withinLimit(node.toString(), MAX_LENGTH, "button value");
    }

    /** @throws UnreadablePayloadException when the value is not what {@link #toJson} writes */
    static ReanswerValue parse(ObjectMapper json, String text) {
        if (text != null && text.length() > MAX_LENGTH) {
            throw new UnreadablePayloadException("the button value is longer than Slack allows");
        }
        JsonNode node = UnreadablePayloadException.readObject(json, text, "the button value");
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
