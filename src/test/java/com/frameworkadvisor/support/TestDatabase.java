package com.frameworkadvisor.support;

import com.frameworkadvisor.store.DatabaseUrl;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A database that store and multi-instance tests run against: the embedded H2 always, and PostgreSQL as well when
 * {@value #ENV} names one (CI's {@code .ci/run} sets it). Use it as the argument of a parameterised test, with
 * {@code @MethodSource("com.frameworkadvisor.support.TestDatabase#all")}.
 *
 * <p>On PostgreSQL each {@link #newUrl()} is a schema of its own in the one test database: the outbox is shared by
 * every instance on a database (any of them may deliver a pending row), so apps of different tests must not share
 * one. Tests also keep apart through unique workspace and channel ids ({@link #workspaceId()},
 * {@link #channelId()}), and never clean tables.
 */
public final class TestDatabase {
    public static final String ENV = "TEST_DATABASE_URL";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final String name;
    private final Optional<String> postgresUrl;

    private TestDatabase(String name, Optional<String> postgresUrl) {
        this.name = name;
        this.postgresUrl = postgresUrl;
    }

    /** H2, and PostgreSQL when {@value #ENV} is set. */
    public static Stream<TestDatabase> all() {
        Optional<String> postgres = Optional.ofNullable(System.getenv(ENV)).map(String::strip)
                .filter(url -> !url.isEmpty());
        return Stream.concat(Stream.of(new TestDatabase("H2", Optional.empty())),
                postgres.map(url -> new TestDatabase("PostgreSQL", Optional.of(url))).stream());
    }

    public boolean isPostgres() {
        return postgresUrl.isPresent();
    }

    /**
     * A {@code DATABASE_URL}: for H2 a new in-memory database that lives until the JVM exits, so that two apps (or
     * two stores) given the same URL share it; for PostgreSQL a new schema in the test database.
     */
    public String newUrl() {
        return postgresUrl.map(TestDatabase::newSchema)
                .orElseGet(() -> "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /**
     * A {@code DATABASE_URL} whose data outlives every connection: for H2 a file under {@code dir}; for PostgreSQL
     * a new schema.
     */
    public String durableUrl(Path dir) {
        return postgresUrl.map(TestDatabase::newSchema)
                .orElseGet(() -> "jdbc:h2:file:" + dir.toAbsolutePath().resolve("advisor"));
    }

    private static String newSchema(String url) {
        String schema = "t_" + randomId().toLowerCase(Locale.ROOT);
        try (Connection c = connect(url); Statement create = c.createStatement()) {
            create.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test schema in " + ENV, e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A plain JDBC connection to {@code databaseUrl}, beside the app's own pool: to corrupt data on purpose. */
    public static Connection connect(String databaseUrl) throws SQLException {
        DatabaseUrl url = DatabaseUrl.parse(Optional.of(databaseUrl));
        return DriverManager.getConnection(url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null));
    }

    /** A workspace id no other test or run uses. */
    public static String workspaceId() {
        return "T" + randomId();
    }

    /** A channel id no other test or run uses. */
    public static String channelId() {
        return "C" + randomId();
    }

    /** A user id no other test or run uses. */
    public static String userId() {
        return "U" + randomId();
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
