package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostingExecutorTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService submitter = Executors.newSingleThreadExecutor();
    private PostingExecutor posting;

    @AfterEach
    void stop() {
        release.countDown();
        submitter.shutdownNow();
        posting.drain(Duration.ofSeconds(5));
    }

    @Test
    void when_every_thread_is_busy_and_the_queue_is_full_a_new_task_waits_for_room_instead_of_being_refused()
            throws Exception {
        posting = new PostingExecutor(1, 1, Duration.ofSeconds(10));
        CountDownLatch ran = new CountDownLatch(3);
        posting.execute(() -> await(ran));          // runs, and blocks the only thread
        posting.execute(ran::countDown);            // fills the queue

        AtomicReference<Thread> caller = new AtomicReference<>();
        Future<?> third = submitter.submit(() -> {
            caller.set(Thread.currentThread());
            posting.execute(ran::countDown);
        });
        // Until the call has returned, or is parked in the admission wait for room (its only timed wait).
        Waits.atMost(Duration.ofSeconds(5)).until(() -> third.isDone()
                || caller.get() != null && caller.get().getState() == Thread.State.TIMED_WAITING);
        assertFalse(third.isDone(), "the third task waits while there is no room");

        release.countDown();
        third.get(5, TimeUnit.SECONDS);
        assertTrue(ran.await(5, TimeUnit.SECONDS), "all three tasks ran");
    }

    @Test
    void a_task_that_finds_no_room_within_the_wait_is_refused_so_the_caller_can_tell_the_user() {
        posting = new PostingExecutor(1, 1, Duration.ofMillis(100));
        posting.execute(() -> await(new CountDownLatch(0)));
        posting.execute(() -> { });

        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class,
                () -> posting.execute(() -> { }));
        assertEquals("posting is behind", refused.getMessage());
    }

    @Test
    void a_stopped_executor_refuses_at_once() {
        posting = new PostingExecutor(1, 1, Duration.ofSeconds(10));
        posting.drain(Duration.ofSeconds(1));

        assertThrows(RejectedExecutionException.class, () -> posting.execute(() -> { }));
    }

    @Test
    void each_task_logs_with_the_request_id_of_the_request_that_submitted_it() throws Exception {
        posting = new PostingExecutor(1, 1, Duration.ofSeconds(1));
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        MDC.put("request_id", "r-123");
        try {
            posting.execute(() -> {
                seen.set(MDC.get("request_id"));
                done.countDown();
            });
        } finally {
            MDC.remove("request_id");
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("r-123", seen.get());
    }

    private void await(CountDownLatch alsoCount) {
        try {
            alsoCount.countDown();
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
