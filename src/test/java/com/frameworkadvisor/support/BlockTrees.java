package com.frameworkadvisor.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Finds parts of Block Kit JSON trees the app sent, failing with the whole tree when a part is missing. */
public final class BlockTrees {
    private BlockTrees() {
    }

    /** The block with this {@code block_id}. */
    public static JsonNode block(JsonNode blocks, String blockId) {
        for (JsonNode block : blocks) {
            if (blockId.equals(block.path("block_id").asText())) {
                return block;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + blocks);
    }

    /** The button (or other element) with this {@code action_id}, in any block. */
    public static JsonNode button(JsonNode blocks, String actionId) {
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText())) {
                    return element;
                }
            }
        }
        throw new AssertionError("no " + actionId + " button in " + blocks);
    }

    /**
     * The ids of the questions a modal asks: each radio input's block id, and each checkbox's value (a checkboxes
     * input asks one yes-or-no question per box).
     */
    public static List<String> askedQuestions(JsonNode view) {
        List<String> asked = new ArrayList<>();
        for (JsonNode block : view.path("blocks")) {
            JsonNode element = block.path("element");
            switch (element.path("type").asText()) {
                case "radio_buttons" -> asked.add(block.path("block_id").asText());
                case "checkboxes" -> element.path("options").forEach(o -> asked.add(o.path("value").asText()));
                default -> {
                }
            }
        }
        return asked;
    }
}
