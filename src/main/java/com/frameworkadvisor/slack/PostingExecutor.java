package com.frameworkadvisor.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where work after the ack runs: bounded, so a flood is refused (the caller tells the user to retry) instead of
 * queued without limit, and each task keeps the request id of the Slack request that submitted it in its logs.
 */
final class PostingExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(PostingExecutor.class);
    /** Posting is I/O-bound: a few threads per core keep Slack calls flowing without an unbounded backlog. */
    private static final int THREADS = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
    private static final int QUEUE = 1024;

    private final ThreadPoolExecutor pool;

    PostingExecutor() {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "post-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** @throws RejectedExecutionException when the queue is full or the app is stopping */
    @Override
    public void execute(Runnable task) {
        Map<String, String> requestContext = MDC.getCopyOfContextMap();
        pool.execute(() -> {
            if (requestContext != null) {
                MDC.setContextMap(requestContext);
            }
            try {
                task.run();
            } finally {
                MDC.clear();
            }
        });
    }

    /** Stops taking work and waits up to {@code timeout} for accepted work to finish. */
    boolean drain(Duration timeout) {
        pool.shutdown();
        try {
            boolean done = pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                log.warn("shutdown_incomplete pending_posts={}", pool.getQueue().size() + pool.getActiveCount());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
