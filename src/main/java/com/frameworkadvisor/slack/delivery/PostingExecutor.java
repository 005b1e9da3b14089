package com.frameworkadvisor.slack.delivery;

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
 * Where work after the ack runs, and each task keeps the request id of the Slack request that submitted it in its
 * logs. Its queue is short on purpose: when posting falls behind, a new submission waits (briefly, well inside
 * Slack's 3-second ack window) for room, so the ack rate follows the posting rate and a recommendation appears
 * within milliseconds of its ack instead of behind a backlog of seconds. Past that wait the work is refused and
 * the caller tells the user to retry.
 */
public final class PostingExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(PostingExecutor.class);
    /** Posting is I/O-bound: a few threads per core keep Slack calls flowing while some wait on the network. */
    static final int THREADS = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
    /** One waiting task per thread: enough to keep every thread busy, short enough that none waits long. */
    static final int QUEUE = THREADS;
    /** The longest a request thread waits for room before refusing; its ack must still reach Slack in 3 s. */
    static final Duration ADMISSION_WAIT = Duration.ofSeconds(1);

    /** Set while {@link #tryExecute} runs: the rejection handler then does not wait for room. */
    private static final ThreadLocal<Boolean> NO_WAIT = ThreadLocal.withInitial(() -> false);

    private final ThreadPoolExecutor pool;

    public PostingExecutor() {
        this("post");
    }

    /** @param name what its threads are called, numbered */
    public PostingExecutor(String name) {
        this(name, THREADS, QUEUE, ADMISSION_WAIT);
    }

    PostingExecutor(int threads, int queue, Duration admissionWait) {
        this("post", threads, queue, admissionWait);
    }

    private PostingExecutor(String name, int threads, int queue, Duration admissionWait) {
        AtomicInteger count = new AtomicInteger();
        // A fair queue: submissions waiting for room get it in the order they came.
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue, true),
                runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (task, executor) -> waitForRoom(task, executor, admissionWait));
        pool.allowCoreThreadTimeOut(true);
    }

    private static void waitForRoom(Runnable task, ThreadPoolExecutor executor, Duration wait) {
        try {
            long waitMillis = NO_WAIT.get() ? 0 : wait.toMillis();
            if (executor.isShutdown() || !executor.getQueue().offer(task, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new RejectedExecutionException(executor.isShutdown() ? "stopping" : "posting is behind");
            }
            if (executor.isShutdown() && executor.getQueue().remove(task)) {
                // The pool stopped while this task waited; its drain may not see it, so refuse it here.
                throw new RejectedExecutionException("stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for room", e);
        }
    }

    /** @throws RejectedExecutionException when there was no room within the admission wait, or the app is stopping */
    @Override
    public void execute(Runnable task) {
        Map<String, String> requestContext = MDC.getCopyOfContextMap();
        pool.execute(() -> {
            if (requestContext != null) {
                MDC.setContextMap(requestContext);
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // Logged here, with the request id, rather than by the JVM on standard error.
                log.error("after_ack_task_failed error=unexpected", e);
            } finally {
                MDC.clear();
            }
        });
    }

    /**
     * Runs {@code task} if there is room now, without waiting for any.
     *
     * @return false when there was no room (or it is stopping)
     */
    public boolean tryExecute(Runnable task) {
        NO_WAIT.set(true);
        try {
            execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        } finally {
            NO_WAIT.set(false);
        }
    }

    /** Roughly how many tasks it could take now without waiting: idle threads and free queue places. */
    public int room() {
        return Math.max(0, pool.getMaximumPoolSize() - pool.getActiveCount()) + pool.getQueue().remainingCapacity();
    }

    /** Stops taking work and waits up to {@code timeout} for accepted work to finish. */
    public boolean drain(Duration timeout) {
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
