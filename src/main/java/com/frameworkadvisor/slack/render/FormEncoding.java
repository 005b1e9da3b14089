package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Web API's {@code application/x-www-form-urlencoded} encoding of text and JSON, straight into UTF-8 bytes:
 * what the Web API client writes bodies with, and what {@link Modal} caches its fixed blocks in. Pure: no I/O.
 */
public final class FormEncoding {
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

    private FormEncoding() {
    }

    /** The form encoding of a text. */
    public static byte[] encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] into = new byte[utf8.length * 3];
        return Arrays.copyOf(into, encode(utf8, into, 0));
    }

    /** The form encoding of a JSON value, written compactly. */
    public static byte[] encodeJson(JsonNode value) {
        byte[] utf8 = json(value);
        byte[] into = new byte[utf8.length * 3];
        return Arrays.copyOf(into, encode(utf8, into, 0));
    }

    /**
     * Writes the form encoding of {@code utf8} into {@code into} from {@code at}, which must have room for three
     * bytes per byte; returns where it ended.
     */
    public static int encode(byte[] utf8, byte[] into, int at) {
        int to = at;
        for (byte b : utf8) {
            if (b >= 0 && PLAIN[b]) {
                into[to++] = b;
            } else if (b == ' ') {
                into[to++] = '+';
            } else {
                into[to++] = '%';
                into[to++] = HEX[(b >> 4) & 0xF];
                into[to++] = HEX[b & 0xF];
            }
        }
        return to;
    }

    /** A JSON value as compact UTF-8 bytes. */
    public static byte[] json(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // A tree built in memory always serialises; this would be a bug in Jackson, not bad input.
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
