package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;

/**
 * A modal ready to open: its view as JSON ({@link #json()}), and the same JSON form-encoded for {@code views.open}
 * ({@link #formEncoded()}), where the blocks that are the same on every request (the bank's questions) reuse an
 * encoding made once per bank instead of being written and encoded again.
 */
public final class Modal {
    /**
     * One block of the modal.
     *
     * @param formEncoded its form encoding when it is one of the bank's fixed blocks, made once; otherwise null
     */
    record Block(ObjectNode json, byte[] formEncoded) {
        Block {
            Objects.requireNonNull(json, "json");
        }

        /** A block that never changes: encoded now, once. The node must not be changed afterwards. */
        static Block fixed(ObjectNode json) {
            return new Block(json, FormEncoding.encodeJson(json));
        }

        /** A block built for this request. */
        static Block fresh(ObjectNode json) {
            return new Block(json, null);
        }

        byte[] encoded() {
            return formEncoded != null ? formEncoded : FormEncoding.encodeJson(json);
        }
    }

    private static final byte[] BLOCKS = FormEncoding.encode(",\"blocks\":[");
    private static final byte[] COMMA = FormEncoding.encode(",");
    private static final byte[] END = FormEncoding.encode("]}");

    private final ObjectNode view;
    private final List<Block> blocks;

    /** @param view the view without its {@code blocks}; it must have at least one field */
    Modal(ObjectNode view, List<Block> blocks) {
        if (view.isEmpty() || view.has("blocks")) {
            throw new IllegalArgumentException("a modal's view has fields of its own and no blocks yet");
        }
        this.view = view;
        this.blocks = List.copyOf(blocks);
    }

    /** The whole view, a copy the caller may change. */
    ObjectNode json() {
        ObjectNode json = view.deepCopy();
        ArrayNode array = json.putArray("blocks");
        blocks.forEach(block -> array.add(block.json().deepCopy()));
        return json;
    }

    /** The view as the value of a form field: the same JSON as {@link #json()}, form-encoded. */
    public byte[] formEncoded() {
        byte[] head = FormEncoding.encodeJson(view);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + 256 * blocks.size());
        // {"type":"modal",…} becomes {"type":"modal",…,"blocks":[ by replacing its closing brace ("%7D").
        out.write(head, 0, head.length - 3);
        out.writeBytes(BLOCKS);
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                out.writeBytes(COMMA);
            }
            out.writeBytes(blocks.get(i).encoded());
        }
        out.writeBytes(END);
        return out.toByteArray();
    }
}
