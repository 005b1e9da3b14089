package com.frameworkadvisor.slack.listen;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The form decoding ({@code +} is a space, {@code %XX} a byte) of {@code form} from {@code start}, done as
 * Jackson reads: a block action, whose type comes first, goes to Bolt after its first few KB are decoded,
 * instead of the whole body being decoded here and then again by Bolt.
 */
final class FormValue extends InputStream {
    /** The value of each ASCII hex digit; -1 for other characters. */
    private static final int[] HEX = new int[128];

    static {
        Arrays.fill(HEX, -1);
        for (int i = 0; i < 16; i++) {
            HEX["0123456789abcdef".charAt(i)] = i;
            HEX["0123456789ABCDEF".charAt(i)] = i;
        }
    }

    private final byte[] form;
    private int next;

    FormValue(byte[] form, int start) {
        this.form = form;
        this.next = start;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        byte[] from = form;
        int at = next;
        if (at >= from.length) {
            return length == 0 ? 0 : -1;
        }
        int to = offset;
        int end = offset + length;
        while (to < end && at < from.length) {
            byte b = from[at];
            if (b == '%') {
                int high = at + 2 < from.length ? hex(from[at + 1]) : -1;
                int low = high >= 0 ? hex(from[at + 2]) : -1;
                if (low < 0) {
                    throw new IOException("not a percent escape at " + at);
                }
                into[to++] = (byte) (high << 4 | low);
                at += 3;
            } else if (b == '&' || b == '=' || b < 0) {
                throw new IOException("not a single form-encoded value at " + at);
            } else {
                into[to++] = b == '+' ? (byte) ' ' : b;
                at++;
            }
        }
        next = at;
        return to - offset;
    }

    private static int hex(byte b) {
        return b >= 0 ? HEX[b] : -1;
    }
}
