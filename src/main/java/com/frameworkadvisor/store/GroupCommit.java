package com.frameworkadvisor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Small writes from many threads, made together: one thread takes every write waiting, runs each in a savepoint of
 * one transaction, and commits once. Each write still returns only when it is committed, but a commit that makes a
 * database write to its file (H2 with {@code WRITE_DELAY=0}) or flush its log (PostgreSQL) is paid once per batch
 * instead of once per write: under load, acks and delivery steps share it.
 */
final class GroupCommit {
    /** One write, in the batch's transaction. */
    interface Write<T> {
        T run(Connection c) throws SQLException;
    }

    private record Pending<T>(Write<T> write, CompletableFuture<T> done) {
    }

    private static final int MOST_PER_BATCH = 256;
    /** The writer thread ends after this long with nothing to write, and starts again with the next write. */
    private static final long IDLE_SECONDS = 30;

    private final Database database;
    private final String what;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private Thread writer;

    GroupCommit(Database database, String what) {
        this.database = database;
        this.what = what;
    }

    /**
     * Runs {@code write} in the next batch and returns its result once the batch is committed.
     *
     * @throws StoreUnavailableException when the database cannot take it, or the write itself failed
     */
    <T> T write(Write<T> write) {
        CompletableFuture<T> done = new CompletableFuture<>();
        queue.add(new Pending<>(write, done));
        ensureWriter();
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : StoreUnavailableException.couldNot(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while waiting to " + what, e);
        }
    }

    private synchronized void ensureWriter() {
        if (writer == null || !writer.isAlive()) {
            writer = new Thread(this::writeBatches, "group-commit");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void writeBatches() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            try {
                Pending<?> first = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                if (first == null) {
                    synchronized (this) {
                        if (queue.isEmpty()) {
                            writer = null;
                            return;
                        }
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MOST_PER_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.done().completeExceptionally(e));
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            for (Pending<?> pending : batch) {
                completions.add(run(c, pending));
            }
            c.commit();
            completions.forEach(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            StoreUnavailableException failure = e instanceof StoreUnavailableException unavailable ? unavailable
                    : StoreUnavailableException.couldNot(what, e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
        }
    }

    /** Runs one write in its own savepoint, so that its failure undoes only it; returns what completes it. */
    private static <T> Runnable run(Connection c, Pending<T> pending) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            T result = pending.write().run(c);
            c.releaseSavepoint(savepoint);
            return () -> pending.done().complete(result);
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            return () -> pending.done().completeExceptionally(e);
        }
    }
}
