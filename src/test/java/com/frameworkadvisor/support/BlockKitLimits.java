package com.frameworkadvisor.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Slack's published Block Kit limits, checked on a rendered modal or message. Each check returns every violation,
 * named by where it is, so one failing assertion lists all culprits at once. Lengths are counted in UTF-16 units,
 * which is never fewer than the characters Slack counts.
 */
public final class BlockKitLimits {
    public static final int MODAL_BLOCKS = 100;
    public static final int MESSAGE_BLOCKS = 50;
    public static final int VIEW_TITLE = 24;
    public static final int PRIVATE_METADATA = 3000;
    public static final int TEXT = 3000;
    public static final int HEADER_TEXT = 150;
    public static final int BUTTON_TEXT = 75;
    public static final int BUTTON_VALUE = 2000;
    public static final int OPTION_TEXT = 75;
    public static final int OPTION_VALUE = 150;
    public static final int RADIO_OPTIONS = 10;
    public static final int ACTIONS_ELEMENTS = 25;
    public static final int CONTEXT_ELEMENTS = 10;
    public static final int LABEL = 2000;
    public static final int HINT = 2000;
    public static final int PLACEHOLDER = 150;
    public static final int ID = 255;
    /** Slack truncates a message's top-level {@code text} beyond this. */
    public static final int MESSAGE_TEXT = 40_000;

    private BlockKitLimits() {
    }

    /** Every limit a modal view breaks; empty when Slack would accept it. */
    public static List<String> modalProblems(JsonNode view) {
        List<String> problems = new ArrayList<>();
        if (!"modal".equals(view.path("type").asText())) {
            problems.add("view.type is not modal");
        }
        for (String field : List.of("title", "submit", "close")) {
            plainText(problems, "view." + field, view.path(field), VIEW_TITLE, field.equals("title"));
        }
        max(problems, "view.callback_id", view.path("callback_id").asText(), ID);
        max(problems, "view.private_metadata", view.path("private_metadata").asText(), PRIVATE_METADATA);
        blocks(problems, view.path("blocks"), MODAL_BLOCKS);
        return problems;
    }

    /** Every limit a message breaks, including a blank notification {@code text}; empty when Slack accepts it. */
    public static List<String> messageProblems(String text, JsonNode blocks) {
        List<String> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            problems.add("message text is empty: notifications and screen readers show nothing");
        } else {
            max(problems, "message text", text, MESSAGE_TEXT);
        }
        blocks(problems, blocks, MESSAGE_BLOCKS);
        return problems;
    }

    private static void blocks(List<String> problems, JsonNode blocks, int maxBlocks) {
        if (!blocks.isArray() || blocks.isEmpty()) {
            problems.add("blocks are missing or empty");
            return;
        }
        if (blocks.size() > maxBlocks) {
            problems.add(blocks.size() + " blocks; Slack allows " + maxBlocks);
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String where = "blocks[" + i + "] (" + block.path("type").asText() + ")";
            if (block.has("block_id")) {
                String blockId = block.path("block_id").asText();
                max(problems, where + ".block_id", blockId, ID);
                if (!blockIds.add(blockId)) {
                    problems.add(where + ".block_id " + blockId + " is not unique");
                }
            }
            switch (block.path("type").asText()) {
                case "section" -> textObject(problems, where + ".text", block.path("text"), TEXT);
                case "header" -> plainText(problems, where + ".text", block.path("text"), HEADER_TEXT, true);
                case "context" -> {
                    JsonNode elements = block.path("elements");
                    if (elements.isEmpty() || elements.size() > CONTEXT_ELEMENTS) {
                        problems.add(where + " has " + elements.size() + " elements; Slack allows 1 to "
                                + CONTEXT_ELEMENTS);
                    }
                    for (int e = 0; e < elements.size(); e++) {
                        textObject(problems, where + ".elements[" + e + "]", elements.get(e), TEXT);
                    }
                }
                case "actions" -> {
                    JsonNode elements = block.path("elements");
                    if (elements.isEmpty() || elements.size() > ACTIONS_ELEMENTS) {
                        problems.add(where + " has " + elements.size() + " elements; Slack allows 1 to "
                                + ACTIONS_ELEMENTS);
                    }
                    for (int e = 0; e < elements.size(); e++) {
                        element(problems, where + ".elements[" + e + "]", elements.get(e));
                    }
                }
                case "input" -> {
                    plainText(problems, where + ".label", block.path("label"), LABEL, true);
                    if (block.has("hint")) {
                        plainText(problems, where + ".hint", block.path("hint"), HINT, true);
                    }
                    element(problems, where + ".element", block.path("element"));
                }
                case "divider" -> {
                }
                default -> problems.add(where + " is not a block type this app is expected to use");
            }
        }
    }

    private static void element(List<String> problems, String where, JsonNode element) {
        max(problems, where + ".action_id", element.path("action_id").asText(), ID);
        switch (element.path("type").asText()) {
            case "button" -> {
                plainText(problems, where + ".text", element.path("text"), BUTTON_TEXT, true);
                max(problems, where + ".value", element.path("value").asText(), BUTTON_VALUE);
            }
            case "radio_buttons" -> {
                JsonNode options = element.path("options");
                if (options.isEmpty() || options.size() > RADIO_OPTIONS) {
                    problems.add(where + " has " + options.size() + " options; Slack allows 1 to " + RADIO_OPTIONS);
                }
                for (int o = 0; o < options.size(); o++) {
                    option(problems, where + ".options[" + o + "]", options.get(o));
                }
                if (element.has("initial_option")) {
                    option(problems, where + ".initial_option", element.path("initial_option"));
                    boolean offered = false;
                    for (JsonNode option : options) {
                        offered |= option.equals(element.path("initial_option"));
                    }
                    if (!offered) {
                        problems.add(where + ".initial_option is not exactly one of the options");
                    }
                }
            }
            case "checkboxes" -> {
                JsonNode options = element.path("options");
                if (options.isEmpty() || options.size() > RADIO_OPTIONS) {
                    problems.add(where + " has " + options.size() + " options; Slack allows 1 to " + RADIO_OPTIONS);
                }
                for (int o = 0; o < options.size(); o++) {
                    option(problems, where + ".options[" + o + "]", options.get(o));
                }
                if (element.has("initial_options") && element.path("initial_options").isEmpty()) {
                    problems.add(where + ".initial_options is empty; Slack wants it left out");
                }
                for (JsonNode initial : element.path("initial_options")) {
                    boolean offered = false;
                    for (JsonNode option : options) {
                        offered |= option.equals(initial);
                    }
                    if (!offered) {
                        problems.add(where + ".initial_options holds one that is not exactly one of the options");
                    }
                }
            }
            case "plain_text_input" -> {
                if (element.has("placeholder")) {
                    plainText(problems, where + ".placeholder", element.path("placeholder"), PLACEHOLDER, true);
                }
                max(problems, where + ".initial_value", element.path("initial_value").asText(), TEXT);
            }
            default -> problems.add(where + " is not an element type this app is expected to use");
        }
    }

    private static void option(List<String> problems, String where, JsonNode option) {
        plainText(problems, where + ".text", option.path("text"), OPTION_TEXT, true);
        String value = option.path("value").asText();
        if (value.isEmpty()) {
            problems.add(where + ".value is empty");
        }
        max(problems, where + ".value", value, OPTION_VALUE);
    }

    private static void textObject(List<String> problems, String where, JsonNode text, int max) {
        String type = text.path("type").asText();
        if (!type.equals("mrkdwn") && !type.equals("plain_text")) {
            problems.add(where + " is not a text object");
            return;
        }
        nonEmpty(problems, where, text.path("text").asText(), max);
    }

    private static void plainText(List<String> problems, String where, JsonNode text, int max, boolean required) {
        if (text.isMissingNode() && !required) {
            return;
        }
        if (!"plain_text".equals(text.path("type").asText())) {
            problems.add(where + " is not plain_text");
            return;
        }
        nonEmpty(problems, where, text.path("text").asText(), max);
    }

    private static void nonEmpty(List<String> problems, String where, String text, int max) {
        if (text.isEmpty()) {
            problems.add(where + " is empty");
        }
        max(problems, where, text, max);
    }

    private static void max(List<String> problems, String where, String text, int max) {
        if (text.length() > max) {
            problems.add(where + " is " + text.length() + " characters; Slack allows " + max);
        }
    }
}
