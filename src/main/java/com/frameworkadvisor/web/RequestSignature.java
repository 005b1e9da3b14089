package com.frameworkadvisor.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code v0=} and the hex HMAC-SHA256, keyed with the signing secret, of
 * {@code v0:<timestamp>:<raw body>}. Checked in constant time, with the timestamp at most 5 minutes from now
 * either way, so a captured request cannot be replayed.
 *
 * <p>Bolt 1.48 has a generator, but it builds a {@code Mac} and formats each byte with {@code String.format} on
 * every request (a few percent of the app's CPU under load), and its verifier compares with {@code String.equals}.
 */
final class RequestSignature {
    static final long MAX_CLOCK_SKEW_SECONDS = 5 * 60;
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> macs;

    RequestSignature(String signingSecret) {
        SecretKeySpec key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                // Every Java runtime has HmacSHA256; without it no request could be trusted.
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The signature Slack sends for {@code body} at {@code timestamp}. */
    String sign(String timestamp, byte[] body) {
        Mac mac = macs.get();
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
        return "v0=" + HEX.formatHex(mac.doFinal(body));
    }

    /**
     * Whether a request carries Slack's signature and a timestamp within the window.
     *
     * @param nowSeconds the current time, in seconds since the epoch
     */
    boolean verify(String timestamp, String signature, byte[] body, long nowSeconds) {
        if (timestamp == null || signature == null || !TIMESTAMP.matcher(timestamp).matches()) {
            return false;
        }
        if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
            return false;
        }
        return MessageDigest.isEqual(sign(timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
