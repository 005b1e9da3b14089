package com.frameworkadvisor.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The states of installs started in a browser, kept as their SHA-256 until they are used once or expire: a state
 * read from a database dump cannot be replayed, and each can complete one install.
 */
public final class JdbcOAuthStates {
    private final Database database;
    private final Clock clock;

    public JdbcOAuthStates(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Keeps a new state for {@code lifetime}, and forgets the expired ones. */
    public void add(String state, Duration lifetime) {
        try (Connection c = database.connection();
             PreparedStatement purge = c.prepareStatement("DELETE FROM slack_oauth_state WHERE expires_at < ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO slack_oauth_state (state_hash, expires_at) "
                     + "VALUES (?, ?)")) {
            purge.setTimestamp(1, Timestamp.from(clock.instant()));
            purge.executeUpdate();
            insert.setString(1, hash(state));
            insert.setTimestamp(2, Timestamp.from(clock.instant().plus(lifetime)));
            insert.executeUpdate();
            database.writeNow(c);
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("store an install state", e);
        }
    }

    /**
     * Uses a state up: true once, for a state that was issued and has not expired; false for any other, and for the
     * same state a second time (two callbacks racing included: the delete decides).
     */
    public boolean consume(String state) {
        try (Connection c = database.connection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM slack_oauth_state WHERE state_hash = ? "
                     + "AND expires_at > ?")) {
            delete.setString(1, hash(state));
            delete.setTimestamp(2, Timestamp.from(clock.instant()));
            boolean used = delete.executeUpdate() == 1;
            // Used once, even if the process is killed right after.
            database.writeNow(c);
            return used;
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("check an install state", e);
        }
    }

    static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
