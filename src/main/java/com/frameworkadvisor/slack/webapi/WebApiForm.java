package com.frameworkadvisor.slack.webapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.frameworkadvisor.slack.render.FormEncoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of one Web API call, {@code application/x-www-form-urlencoded} as Slack documents it ({@link
 * FormEncoding}), encoded straight into UTF-8 bytes. Block Kit goes in as JSON bytes from Jackson, so a message is
 * never held as a Java string and then encoded character by character (what slack-api-client's form builder did,
 * at a fifth of the app's CPU).
 */
public final class WebApiForm {
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
        encode(FormEncoding.json(value));
        return this;
    }

    /** Adds a field whose value is already form-encoded, such as {@code Modal.formEncoded()}. */
    WebApiForm addEncoded(String name, byte[] encodedValue) {
        name(name);
        ensure(encodedValue.length);
        System.arraycopy(encodedValue, 0, bytes, length, encodedValue.length);
        length += encodedValue.length;
        return this;
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
        length = FormEncoding.encode(utf8, bytes, length);
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
