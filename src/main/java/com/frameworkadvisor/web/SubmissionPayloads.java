package com.frameworkadvisor.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a {@code view_submission} without the modal's blocks, for Bolt to parse. Slack sends the whole view back
 * with every submission, but no listener here reads its blocks: the answers are in {@code view.state}. Bolt 1.48
 * parses each payload with a new Gson, building a reflective adapter for every class it meets, so the blocks
 * (Slack's echo of the modal, most of the payload) made Bolt's parsing more than half of the app's CPU in the
 * submission benchmark (README, Performance). Everything else reaches Bolt as Slack sent it.
 */
final class SubmissionPayloads {
    private static final byte[] PAYLOAD = "payload=".getBytes(StandardCharsets.US_ASCII);
    private static final String VIEW_SUBMISSION = "view_submission";
    /** The value of each ASCII hex digit; -1 for other characters. */
    private static final int[] HEX = new int[128];

    static {
        Arrays.fill(HEX, -1);
        for (int i = 0; i < 16; i++) {
            HEX["0123456789abcdef".charAt(i)] = i;
            HEX["0123456789ABCDEF".charAt(i)] = i;
        }
    }

    private final JsonFactory json = new JsonFactory();

    /**
     * The payload JSON of a view submission body ({@code payload=…}) without {@code view.blocks}; empty for any
     * other body, or one that is not well-formed (Bolt then parses or refuses it as before).
     */
    Optional<String> viewSubmissionWithoutBlocks(byte[] body) {
        if (!startsWith(body, PAYLOAD)) {
            return Optional.empty();
        }
        StringWriter out = new StringWriter(1024);
        String type = null;
        try (JsonParser in = json.createParser(decode(body, PAYLOAD.length));
             JsonGenerator copy = json.createGenerator(out)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            copy.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (name.equals("type")) {
                    type = value == JsonToken.VALUE_STRING ? in.getText() : null;
                    if (!VIEW_SUBMISSION.equals(type)) {
                        return Optional.empty(); // a block action or other payload: Bolt parses it as it came
                    }
                }
                copy.writeFieldName(name);
                if (name.equals("view") && value == JsonToken.START_OBJECT) {
                    copyWithoutBlocks(in, copy);
                } else {
                    copy.copyCurrentStructure(in);
                }
            }
            copy.writeEndObject();
            if (in.nextToken() != null) {
                return Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return VIEW_SUBMISSION.equals(type) ? Optional.of(out.toString()) : Optional.empty();
    }

    private static void copyWithoutBlocks(JsonParser in, JsonGenerator copy) throws IOException {
        copy.writeStartObject();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            if (field.equals("blocks")) {
                in.skipChildren();
            } else {
                copy.writeFieldName(field);
                copy.copyCurrentStructure(in);
            }
        }
        copy.writeEndObject();
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        return body.length >= prefix.length && Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Form decoding ({@code +} is a space, {@code %XX} a byte) of {@code form} from {@code start}: the bytes. */
    static byte[] decode(byte[] form, int start) {
        byte[] bytes = new byte[form.length - start];
        int length = 0;
        for (int i = start; i < form.length; i++) {
            byte b = form[i];
            if (b == '%') {
                int high = i + 2 < form.length ? hex(form[i + 1]) : -1;
                int low = high >= 0 ? hex(form[i + 2]) : -1;
                if (low < 0) {
                    throw new IllegalArgumentException("not a percent escape at " + i);
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (b == '+') {
                bytes[length++] = ' ';
            } else if (b == '&' || b == '=' || b < 0) {
                throw new IllegalArgumentException("not a single form-encoded value at " + i);
            } else {
                bytes[length++] = b;
            }
        }
        return Arrays.copyOf(bytes, length);
    }

    private static int hex(byte b) {
        return b >= 0 ? HEX[b] : -1;
    }
}
