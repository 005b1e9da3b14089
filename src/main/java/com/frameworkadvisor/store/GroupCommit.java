package com.frameworkadvisor.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Small writes from many threads, made together: one thread takes every write waiting, runs each in a savepoint of
 * one transaction, and commits once. Each write still returns only when it is committed, but a commit that makes
 * PostgreSQL flush its log is paid once per batch instead of once per write: under load, acks and delivery steps
 * share it.
 *
 * <p>On the embedded H2 database, which writes its file lazily, what a write promises (an accepted delivery, a
 * posted parent) goes to the {@link AckJournal} after the commit and before the write returns, one file write for
 * the batch; every so often H2 is made to write everything and the journal is emptied.
 */
final class GroupCommit {
    /** One write, in the batch's transaction. */
    interface Write<T> {
        T run(Connection c) throws SQLException;
    }

    private record Pending<T>(Write<T> write, Function<? super T, AckJournal.Entry> journaled,
                              CompletableFuture<T> done) {
    }

    private static final int MOST_PER_BATCH = 256;
    /** The journal is emptied once it holds this much, or is this old. */
    private static final long JOURNAL_MOST_BYTES = 8L << 20;
    private static final Duration JOURNAL_MOST_AGE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** The writer thread ends after this long with nothing to write, and starts again with the next write. */
    private static final long IDLE_SECONDS = 30;

    private final Database database;
    private final String what;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    /** When the writer thread last emptied the journal. */
    private long journalEmptiedAt = System.nanoTime();

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
        return write(write, result -> null);
    }

    /**
     * Like {@link #write(Write)}, and where the database keeps an {@link AckJournal}, the entry {@code journaled}
     * makes of the result (none for null) is in it before this returns.
     */
    <T> T write(Write<T> write, Function<? super T, AckJournal.Entry> journaled) {
        CompletableFuture<T> done = new CompletableFuture<>();
        queue.add(new Pending<>(write, journaled, done));
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
                    emptyJournal();
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
                if (journalDue()) {
                    emptyJournal();
                }
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
        List<Done<?>> results = new ArrayList<>(batch.size());
        try (Connection c = database.connection()) {
            Optional<AckJournal> journal = database.journal();
            c.setAutoCommit(false);
            List<AckJournal.Entry> entries = new ArrayList<>();
            for (Pending<?> pending : batch) {
                Done<?> done = run(c, pending);
                results.add(done);
                if (journal.isPresent()) {
                    done.entry().ifPresent(entries::add);
                }
            }
            long number = journal.isPresent() && !entries.isEmpty() ? journal.get().nextBatch() : 0;
            if (number > 0) {
                JournalReplay.markWritten(c, number);
            }
            c.commit();
            if (number > 0) {
                journal.get().append(number, entries);
            }
            results.forEach(Done::complete);
        } catch (SQLException | RuntimeException e) {
            StoreUnavailableException failure = e instanceof StoreUnavailableException unavailable ? unavailable
                    : StoreUnavailableException.couldNot(what, e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
        }
    }

    /** A write's result or failure, to hand over once the batch is committed. */
    private record Done<T>(Pending<T> pending, T result, Exception failure) {
        Optional<AckJournal.Entry> entry() {
            return failure == null ? Optional.ofNullable(pending.journaled().apply(result)) : Optional.empty();
        }

        void complete() {
            if (failure == null) {
                pending.done().complete(result);
            } else {
                pending.done().completeExceptionally(failure);
            }
        }
    }

    /** Runs one write in its own savepoint, so that its failure undoes only it. */
    private static <T> Done<T> run(Connection c, Pending<T> pending) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            T result = pending.write().run(c);
            c.releaseSavepoint(savepoint);
            return new Done<>(pending, result, null);
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            return new Done<>(pending, null, e);
        }
    }

    private boolean journalDue() {
        Optional<AckJournal> journal = database.journal();
        return journal.isPresent() && (journal.get().size() > JOURNAL_MOST_BYTES
                || journal.get().size() > 0 && System.nanoTime() - journalEmptiedAt > JOURNAL_MOST_AGE.toNanos());
    }

    /**
     * Has H2 write every commit to its file, then empties the journal: run by the writer thread between batches,
     * so that no entry is appended in between. On failure the journal is kept (replaying it is harmless).
     */
    private void emptyJournal() {
        journalEmptiedAt = System.nanoTime();
        Optional<AckJournal> journal = database.journal();
        if (journal.isEmpty() || journal.get().size() == 0) {
            return;
        }
        try (Connection c = database.connection()) {
            JournalReplay.checkpoint(c);
            journal.get().empty();
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("ack_journal_not_emptied file={} problem=\"{}\"", journal.get().file(),
                    Database.rootMessage(e));
        }
    }
}
