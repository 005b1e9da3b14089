package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Block Kit elements as JSON trees, with Slack's text limits applied where the text is built. */
public final class BlockKit {
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_BUTTON_TEXT = 75;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BlockKit() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ObjectNode plainText(String text) {
        return object().put("type", "plain_text").put("text", text).put("emoji", true);
    }

    static ObjectNode mrkdwn(String text) {
        return object().put("type", "mrkdwn").put("text", text);
    }

    public static ObjectNode header(String text) {
        ObjectNode block = object().put("type", "header");
        block.set("text", plainText(fit(text, MAX_HEADER_TEXT)));
        return block;
    }

    public static ObjectNode section(String mrkdwnText) {
        ObjectNode block = object().put("type", "section");
        block.set("text", mrkdwn(fit(mrkdwnText, MAX_SECTION_TEXT)));
        return block;
    }

    static ObjectNode context(String mrkdwnText) {
        ObjectNode block = object().put("type", "context");
        block.putArray("elements").add(mrkdwn(fit(mrkdwnText, MAX_SECTION_TEXT)));
        return block;
    }

    public static ObjectNode divider() {
        return object().put("type", "divider");
    }

    public static ObjectNode button(String actionId, String text, String value) {
        ObjectNode button = object().put("type", "button").put("action_id", actionId);
        button.set("text", plainText(fit(text, MAX_BUTTON_TEXT)));
        button.put("value", value);
        return button;
    }

    public static ObjectNode actions(String blockId, ObjectNode... elements) {
        ObjectNode block = object().put("type", "actions").put("block_id", blockId);
        ArrayNode list = block.putArray("elements");
        for (ObjectNode element : elements) {
            list.add(element);
        }
        return block;
    }

    /** Shortens text to Slack's limit, marking the cut, so a long text never gets a message rejected. */
    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
