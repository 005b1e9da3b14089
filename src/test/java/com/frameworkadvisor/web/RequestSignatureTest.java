package com.frameworkadvisor.web;

import com.frameworkadvisor.support.SignedRequests;
import com.slack.api.app_backend.SlackSignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestSignatureTest {
    private static final String SECRET = SignedRequests.SIGNING_SECRET;
    private static final long NOW = 1_700_000_000L;
    private final RequestSignature signature = new RequestSignature(SECRET);

    @Test
    void signs_as_slack_and_bolt_do_over_any_body() {
        SlackSignature.Generator bolt = new SlackSignature.Generator(SECRET);
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            StringBuilder body = new StringBuilder();
            for (int n = random.nextInt(300); n > 0; n--) {
                body.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(26) : 0x20 + random.nextInt(0x2000));
            }
            String timestamp = Long.toString(NOW + i);
            assertEquals(bolt.generate(timestamp, body.toString()),
                    signature.sign(timestamp, body.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void accepts_slacks_signature_within_five_minutes_either_way() {
        byte[] body = "command=%2Fframework&text=".getBytes(StandardCharsets.UTF_8);
        for (long skew : new long[] {-300, 0, 300}) {
            String timestamp = Long.toString(NOW + skew);
            assertTrue(signature.verify(timestamp, SignedRequests.signature(SECRET, timestamp,
                    new String(body, StandardCharsets.UTF_8)), body, NOW), "skew " + skew);
        }
    }

    @Test
    void refuses_a_changed_body_another_secret_an_old_or_future_timestamp_and_missing_headers() {
        byte[] body = "text=hello".getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(NOW);
        String good = signature.sign(timestamp, body);

        assertFalse(signature.verify(timestamp, good, "text=hellO".getBytes(StandardCharsets.UTF_8), NOW));
        assertFalse(signature.verify(timestamp, new RequestSignature("another-secret").sign(timestamp, body), body,
                NOW));
        assertFalse(signature.verify(Long.toString(NOW - 301), signature.sign(Long.toString(NOW - 301), body), body,
                NOW));
        assertFalse(signature.verify(Long.toString(NOW + 301), signature.sign(Long.toString(NOW + 301), body), body,
                NOW));
        assertFalse(signature.verify(null, good, body, NOW));
        assertFalse(signature.verify(timestamp, null, body, NOW));
        assertFalse(signature.verify("17e8", good, body, NOW));
        assertFalse(signature.verify(timestamp, good.toUpperCase(), body, NOW));
    }
}
