package com.frameworkadvisor.slack.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A Slack payload, button value or private metadata is not what this app wrote or Slack sends. */
public final class UnreadablePayloadException extends RuntimeException {
    public UnreadablePayloadException(String message) {
        super(message);
    }

    /** Reads text this app wrote as a JSON object (it came back through Slack), or says what is wrong with it. */
    public static JsonNode readObject(ObjectMapper json, String text, String what) {
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new UnreadablePayloadException(what + " is not a JSON object");
        }
        return node;
    }
}
