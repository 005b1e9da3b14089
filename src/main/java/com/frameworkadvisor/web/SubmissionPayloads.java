package com.frameworkadvisor.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.SlackIds;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.util.json.GsonFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a submission of the decision modal from the raw body, for {@link AdvisorApp#submitDecision}, instead of
 * leaving it to Bolt. Bolt 1.48 parses each payload with a new Gson, building a reflective adapter for every class
 * it meets, and Slack sends the whole view back with every submission, blocks and all, though no listener here
 * reads them (the answers are in {@code view.state}). Together that made Bolt's parsing more than half of the
 * app's CPU in the submission benchmark (README, Performance). Here the view's blocks are cut out, and one Gson,
 * built once by the Slack SDK's own factory, maps the rest into the SDK's {@link ViewSubmissionPayload}: the object
 * Bolt would have handed the listener, without the blocks.
 */
final class SubmissionPayloads {
    private static final byte[] PAYLOAD = "payload=".getBytes(StandardCharsets.US_ASCII);
    /** How Slack's view submission payloads begin; anything else is left to Bolt. */
    private static final byte[] VIEW_SUBMISSION = "{\"type\":\"view_submission\"".getBytes(StandardCharsets.US_ASCII);
    /** The value of each ASCII hex digit; -1 for other characters. */
    private static final int[] HEX = new int[128];
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    /** Bolt's mapping (snake case, Slack's own type adapters), built once: a Gson is thread-safe. */
    private static final Gson GSON = GsonFactory.createSnakeCase();
    private static final JsonFactory JSON = new JsonFactory();

    static {
        Arrays.fill(HEX, -1);
        for (int i = 0; i < 16; i++) {
            HEX["0123456789abcdef".charAt(i)] = i;
            HEX["0123456789ABCDEF".charAt(i)] = i;
        }
    }

    /**
     * The payload of a decision modal submission; empty for any other body, or one that is not well-formed or has
     * no view (Bolt then parses it, and routes or refuses it, as before).
     */
    Optional<ViewSubmissionPayload> decisionSubmission(byte[] body) {
        if (!startsWith(body, 0, PAYLOAD)) {
            return Optional.empty();
        }
        try {
            byte[] json = decode(body, PAYLOAD.length);
            if (!startsWith(json, 0, VIEW_SUBMISSION)) {
                return Optional.empty(); // a block action or other payload: Bolt parses it as it came
            }
            ViewSubmissionPayload payload = GSON.fromJson(new InputStreamReader(new ByteArrayInputStream(
                    withoutViewBlocks(json)), StandardCharsets.UTF_8), ViewSubmissionPayload.class);
            return Optional.ofNullable(payload).filter(p -> p.getView() != null
                    && SlackIds.DECISION_MODAL.equals(p.getView().getCallbackId()));
        } catch (IOException | JsonParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The payload with {@code null} in place of the {@code view.blocks} array. Jackson finds the array, skipping
     * it byte by byte several times faster than Gson reads it; JSON that is not well-formed throws.
     */
    private static byte[] withoutViewBlocks(byte[] json) throws IOException {
        try (JsonParser in = JSON.createParser(json)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return json;
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                boolean view = in.currentName().equals("view");
                if (in.nextToken() == JsonToken.START_OBJECT && view) {
                    while (in.nextToken() == JsonToken.FIELD_NAME) {
                        boolean blocks = in.currentName().equals("blocks");
                        if (in.nextToken() == JsonToken.START_ARRAY && blocks) {
                            int start = (int) in.currentTokenLocation().getByteOffset();
                            in.skipChildren();
                            int end = (int) in.currentTokenLocation().getByteOffset() + 1;
                            return splice(json, start, end, NULL);
                        }
                        in.skipChildren();
                    }
                    return json;
                }
                in.skipChildren();
            }
            return json;
        }
    }

    /** {@code bytes} with {@code [start, end)} replaced by {@code replacement}. */
    private static byte[] splice(byte[] bytes, int start, int end, byte[] replacement) {
        byte[] spliced = new byte[bytes.length - (end - start) + replacement.length];
        System.arraycopy(bytes, 0, spliced, 0, start);
        System.arraycopy(replacement, 0, spliced, start, replacement.length);
        System.arraycopy(bytes, end, spliced, start + replacement.length, bytes.length - end);
        return spliced;
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        return bytes.length - from >= prefix.length
                && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
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
