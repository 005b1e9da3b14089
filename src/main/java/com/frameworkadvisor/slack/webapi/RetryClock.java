package com.frameworkadvisor.slack.webapi;

/**
 * The time {@link WebApi}'s retries run on: how long since the first attempt, and the wait before the next. Tests
 * give their own, so a retry test takes milliseconds instead of the real back-off.
 */
public interface RetryClock {
    /** The JVM's monotonic clock and a real sleep. */
    RetryClock SYSTEM = new RetryClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits {@code millis} milliseconds before the next attempt. */
    void sleep(long millis) throws InterruptedException;
}
