package com.frameworkadvisor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/** The app's database: a HikariCP pool on {@code DATABASE_URL} (or the embedded H2 file), migrated by Flyway. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /**
     * How long H2 waits for a row lock: {@link DecisionStore#withLatestLocked} holds a decision's lock while Slack
     * updates the parent (which may retry for up to 30 s); H2's default 1 second would make waiting submissions
     * give up.
     */
    private static final int LOCK_TIMEOUT_MILLIS = 45_000;

    private final HikariDataSource pool;
    private final String redactedUrl;

    private Database(HikariDataSource pool, String redactedUrl) {
        this.pool = pool;
        this.redactedUrl = redactedUrl;
    }

    /**
     * Connects and runs the pending migrations.
     *
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static Database open(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2(url.jdbcUrl()) ? withSetting(url.jdbcUrl(), "DB_CLOSE_ON_EXIT", "FALSE") : url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setPoolName("advisor-db");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        // A database that is down must fail a request quickly, not hold it: the user is told at once.
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        if (h2(url.jdbcUrl())) {
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
        return new Database(pool, url.redactedJdbcUrl());
    }

    private static boolean h2(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /**
     * An H2 URL with a setting, unless it names that setting already. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own
     * shutdown hook would otherwise close the database while the app's hook is still finishing accepted work.
     */
    static String withSetting(String jdbcUrl, String name, String value) {
        return jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";" + name + "=") ? jdbcUrl
                : jdbcUrl + ";" + name + "=" + value;
    }

    DataSource dataSource() {
        return pool;
    }

    /** The JDBC URL without credentials, for log lines. */
    String redactedUrl() {
        return redactedUrl;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
