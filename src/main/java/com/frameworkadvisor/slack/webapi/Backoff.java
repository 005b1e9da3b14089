package com.frameworkadvisor.slack.webapi;

import java.util.concurrent.ThreadLocalRandom;

/** How long {@link WebApi} waits before trying a call again. */
final class Backoff {
    private Backoff() {
    }

    /** Slack's {@code Retry-After} (whole seconds) on a 429, or else our own backoff, jittered. */
    static long retryAfterMillis(String header, long fallback) {
        if (header != null) {
            try {
                return Math.max(0, Long.parseLong(header.strip())) * 1000;
            } catch (NumberFormatException ignored) {
                // Slack sends whole seconds; anything else falls back to our own backoff.
            }
        }
        return jitter(fallback);
    }

    /** Full jitter between half and the whole backoff, so many clients do not retry in step. */
    static long jitter(long backoff) {
        return backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
    }
}
