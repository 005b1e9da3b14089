package com.frameworkadvisor.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/** Bounded waits for the tests (STYLE rule 9): Awaitility, set up once for how these tests poll. */
public final class Waits {
    /** The fakes answer on loopback within milliseconds; a short poll keeps waits from adding up. */
    private static final Duration POLL = Duration.ofMillis(5);

    private Waits() {
    }

    /**
     * An Awaitility wait of at most {@code timeout} that checks at once, then every 5 ms, on the test's thread.
     * Awaitility's defaults would first pause 100 ms and poll every 100 ms, and would swap the JVM's default
     * uncaught-exception handler while waiting, failing the wait when any thread of the app throws (and hiding it
     * from {@link UncaughtExceptions}); here the test asserts on what the app did.
     */
    public static ConditionFactory atMost(Duration timeout) {
        return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).pollInSameThread()
                .dontCatchUncaughtExceptions();
    }
}
