package com.frameworkadvisor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The app's database: a HikariCP pool on {@code DATABASE_URL} (or the embedded H2 file), migrated by Flyway.
 *
 * <p>It opens in the background ({@link #openWhenAsked}), once asked ({@link #startOpening}) or once a call needs
 * it, so the app takes Slack's requests while the database starts: a third of the cold start was spent there
 * before the first ack, and opening it takes a core for a third of a second, which on 2 cores the first request
 * should not have to share. Until it is open, each call waits for it a little ({@link #WAIT}); past that wait, or
 * when opening failed, the call fails as a database that is down does ({@link StoreUnavailableException}), and
 * every caller copes with that.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long one call waits for the database to finish opening. */
    static final Duration WAIT = Duration.ofSeconds(2);
    /**
     * How long H2 waits for a row lock: {@link DecisionStore#withLatestLocked} holds a decision's lock while Slack
     * updates the parent (which may retry for up to 30 s); H2's default 1 second would make waiting submissions
     * give up.
     */
    private static final int LOCK_TIMEOUT_MILLIS = 45_000;

    /**
     * How long embedded H2 may keep commits before writing them to its file. What an ack or a posted parent
     * promises is in the {@link AckJournal} at once; the rest (a delivery's answers, its finish) is done again by
     * the resumed delivery if a kill comes first.
     */
    static final int H2_WRITE_DELAY_MILLIS = 200;

    /** The pool and, on an embedded H2 file, the journal beside it. */
    private record Opened(HikariDataSource pool, Optional<AckJournal> journal) {
    }

    private final CompletableFuture<Opened> opening;
    /** Completed when opening is asked for ({@link #startOpening}); {@link #opening} follows it. */
    private final CompletableFuture<Void> asked;
    private final DatabaseUrl url;
    private final GroupCommit writes = new GroupCommit(this, "write to the database");
    private volatile boolean closed;

    private Database(DatabaseUrl url, CompletableFuture<Opened> opening, CompletableFuture<Void> asked) {
        this.url = url;
        this.opening = opening;
        this.asked = asked;
    }

    /** Writes on the path of an ack or a delivery, made in shared commits. */
    GroupCommit writes() {
        return writes;
    }

    /**
     * Connects and runs the pending migrations, now.
     *
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static Database open(DatabaseUrl url) {
        return new Database(url, CompletableFuture.completedFuture(connect(url)),
                CompletableFuture.completedFuture(null));
    }

    /**
     * Connects and migrates on {@code executor} once {@link #startOpening} is called, or a call needs the
     * database, whichever comes first.
     */
    public static Database openWhenAsked(DatabaseUrl url, Executor executor) {
        CompletableFuture<Void> asked = new CompletableFuture<>();
        return new Database(url, asked.thenApplyAsync(ignored -> connect(url), executor), asked);
    }

    /** Starts opening, unless that has started already. */
    public void startOpening() {
        asked.complete(null);
    }

    private static Opened connect(DatabaseUrl url) {
        HikariDataSource pool = pool(url);
        Optional<Path> file = url.embeddedFile();
        if (file.isEmpty()) {
            return new Opened(pool, Optional.empty());
        }
        Path journalFile = Path.of(file.get() + ".acks");
        try {
            AckJournal journal = AckJournal.open(journalFile);
            try (Connection c = pool.getConnection()) {
                JournalReplay.replay(c, journal);
            } catch (SQLException | IOException | RuntimeException e) {
                journal.close();
                throw e;
            }
            return new Opened(pool, Optional.of(journal));
        } catch (SQLException | IOException | RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("Could not replay the journal " + journalFile + " into the database"
                    + " (it is kept; check the disk and its permissions, then restart): " + rootMessage(e), e);
        }
    }

    private static HikariDataSource pool(DatabaseUrl url) {
        boolean h2 = url.jdbcUrl().startsWith("jdbc:h2:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2 ? h2Url(url.jdbcUrl(), url.embeddedFile().isPresent()) : url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setPoolName("advisor-db");
        // Enough for every thread that may hold one at once: request threads (an ack stores its submission),
        // delivery threads (one may wait on a decision's lock) and the listeners' threads after an ack.
        config.setMaximumPoolSize(24);
        config.setMinimumIdle(1);
        // A database that is down must fail a request quickly, not hold it: the user is told at once.
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        if (h2) {
            config.setConnectionInitSql("SET LOCK_TIMEOUT " + LOCK_TIMEOUT_MILLIS);
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .loggers("slf4j").load().migrate();
            log.info("database_ready url={} migrations_applied={}", url.redactedJdbcUrl(), result.migrationsExecuted);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("Could not open the database at " + url.redactedJdbcUrl() + ": "
                    + rootMessage(e), e);
        }
        return pool;
    }

    /**
     * The H2 URL with two settings, unless it names them already. {@code WRITE_DELAY}: on a file, H2 writes its
     * commits {@value #H2_WRITE_DELAY_MILLIS} ms later, in one go, as the journal beside it keeps what an ack
     * promised ({@link AckJournal}); writing each commit at once took a third of the app's CPU under load.
     * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would otherwise close the database while the app's
     * hook is still finishing accepted work.
     */
    static String h2Url(String jdbcUrl, boolean file) {
        String url = file ? withSetting(jdbcUrl, "WRITE_DELAY", String.valueOf(H2_WRITE_DELAY_MILLIS)) : jdbcUrl;
        return withSetting(url, "DB_CLOSE_ON_EXIT", "FALSE");
    }

    static String withSetting(String jdbcUrl, String name, String value) {
        return jdbcUrl.toUpperCase(Locale.ROOT).contains(";" + name + "=") ? jdbcUrl
                : jdbcUrl + ";" + name + "=" + value;
    }

    /**
     * Waits until the database is open.
     *
     * @throws StoreUnavailableException naming why, when it could not be opened
     */
    public void awaitOpen() {
        startOpening();
        try {
            opening.get();
        } catch (ExecutionException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while the database was opening", e);
        }
    }

    private Opened opened() {
        startOpening();
        try {
            return opening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("The database is still opening", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while the database was opening", e);
        }
    }

    private static StoreUnavailableException unavailable(ExecutionException e) {
        return e.getCause() instanceof StoreUnavailableException cause ? cause
                : new StoreUnavailableException("Could not open the database: " + e.getCause(), e.getCause());
    }

    /**
     * A pooled connection, once the database is open.
     *
     * @throws StoreUnavailableException when it is not open (yet), or could not be opened
     * @throws SQLException when the pool has no connection to give
     */
    Connection connection() throws SQLException {
        return opened().pool().getConnection();
    }

    /** The journal beside an embedded H2 file, while open; empty for any other database. */
    Optional<AckJournal> journal() {
        return !closed && opening.isDone() && !opening.isCompletedExceptionally() ? opening.join().journal()
                : Optional.empty();
    }

    /**
     * Has the database write what {@code c} committed to its file before this returns, for a rare write that
     * the journal does not keep and that must survive a kill (an installation, a renewed token). Only embedded
     * H2 waits to write its commits.
     */
    void writeNow(Connection c) throws SQLException {
        if (journal().isPresent()) {
            JournalReplay.checkpoint(c);
        }
    }

    /**
     * Whether only this process can use the database: an H2 database file is locked to the process that opened it,
     * so nothing another instance claimed can still be in progress.
     */
    boolean singleProcess() {
        return url.isEmbedded();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Closes the pool once the database is open; one that failed to open has nothing to close. */
    @Override
    public void close() {
        closed = true;
        opening.thenAccept(opened -> {
            opened.pool().close();
            opened.journal().ifPresent(journal -> {
                try {
                    journal.close();
                } catch (IOException e) {
                    log.warn("ack_journal_not_closed file={} problem=\"{}\"", journal.file(), rootMessage(e));
                }
            });
        });
    }
}
