package com.frameworkadvisor.slack.webapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of one Web API call, {@code application/x-www-form-urlencoded} as Slack documents it, encoded straight
 * into UTF-8 bytes. Block Kit goes in as JSON bytes from Jackson, so a message is never held as a Java string and
 * then encoded character by character (what slack-api-client's form builder did, at a fifth of the app's CPU).
 */
public final class WebApiForm {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Keeps characters outside the basic plane whole; Jackson's byte writer otherwise writes surrogate escapes. */
    private static final ObjectWriter JSON = new ObjectMapper().writer()
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    /** The bytes a form value may carry as they are: letters, digits and {@code *-._} (WHATWG URL, form encoding). */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            PLAIN[c] = true;
            PLAIN[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            PLAIN[c] = true;
        }
        for (char c : "*-._".toCharArray()) {
            PLAIN[c] = true;
        }
    }

    private byte[] bytes = new byte[256];
    private int length;

    /** Adds a text field; a null value leaves the field out, as the Web API treats a missing field. */
    WebApiForm add(String name, String value) {
        if (value != null) {
            name(name);
            encode(value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    WebApiForm add(String name, boolean value) {
        return add(name, Boolean.toString(value));
    }

    /** Adds a field holding JSON, such as {@code blocks}, {@code metadata} or {@code view}. */
    WebApiForm addJson(String name, JsonNode value) {
        name(name);
        encode(json(value));
        return this;
    }

    /** Adds a field whose value is already form-encoded, such as {@link Modal#formEncoded()}. */
    WebApiForm addEncoded(String name, byte[] encodedValue) {
        name(name);
        ensure(encodedValue.length);
        System.arraycopy(encodedValue, 0, bytes, length, encodedValue.length);
        length += encodedValue.length;
        return this;
    }

    /** The form encoding of a JSON value, as {@link #addJson} writes it. */
    public static byte[] encodeJson(JsonNode value) {
        return new WebApiForm().encode(json(value)).toBytes();
    }

    /** The form encoding of a text. */
    public static byte[] encode(String text) {
        return new WebApiForm().encode(text.getBytes(StandardCharsets.UTF_8)).toBytes();
    }

    private static byte[] json(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // A tree built in memory always serialises; this would be a bug in Jackson, not bad input.
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    private void name(String name) {
        if (length > 0) {
            append((byte) '&');
        }
        encode(name.getBytes(StandardCharsets.US_ASCII));
        append((byte) '=');
    }

    private WebApiForm encode(byte[] utf8) {
        ensure(utf8.length * 3);
        for (byte b : utf8) {
            if (b >= 0 && PLAIN[b]) {
                bytes[length++] = b;
            } else if (b == ' ') {
                bytes[length++] = '+';
            } else {
                bytes[length++] = '%';
                bytes[length++] = HEX[(b >> 4) & 0xF];
                bytes[length++] = HEX[b & 0xF];
            }
        }
        return this;
    }

    private void append(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
