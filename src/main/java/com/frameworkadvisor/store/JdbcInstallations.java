package com.frameworkadvisor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The app's installations, one per workspace (or organisation), on JDBC. Tokens are encrypted before they are
 * written and decrypted when read ({@link TokenCipher}); nothing else in the row is secret.
 */
public final class JdbcInstallations {
    private static final String TABLE = "slack_installation";
    private static final String COLUMNS = "install_key, enterprise_id, team_id, is_enterprise_install, "
            + "enterprise_name, enterprise_url, team_name, app_id, bot_id, bot_user_id, bot_scopes, bot_token, "
            + "bot_refresh_token, bot_token_expires_at, installer_user_id, installed_at, updated_at";

    private final Database database;
    private final TokenCipher cipher;
    private final Clock clock;

    public JdbcInstallations(Database database, TokenCipher cipher, Clock clock) {
        this.database = database;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Stores an installation, replacing the workspace's earlier one (a reinstall). */
    public void save(Installation installation) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                delete(c, installation.key());
                insert(c, installation);
                c.commit();
                database.writeNow(c);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("store an installation", e);
        }
    }

    /**
     * The installation serving a workspace: the organisation's org-wide one first, when the workspace belongs to
     * an Enterprise Grid organisation; otherwise the workspace's own.
     */
    public Optional<Installation> find(Optional<String> enterpriseId, Optional<String> teamId) {
        try (Connection c = database.connection()) {
            if (enterpriseId.isPresent()) {
                Optional<Installation> orgWide = read(c, Installation.key(enterpriseId, Optional.empty()), false);
                if (orgWide.isPresent()) {
                    return orgWide;
                }
            }
            return teamId.isEmpty() ? Optional.empty() : read(c, Installation.key(Optional.empty(), teamId), false);
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("read an installation", e);
        }
    }

    /**
     * Renews an installation's token under its row lock, so that instances (and threads) never spend one
     * refresh token twice: {@code renewal} sees the current row and returns the renewed one, or empty when it
     * needs no renewal (another instance just did it).
     *
     * @return the installation as stored afterwards; empty when it is gone
     */
    public Optional<Installation> renew(String key, Function<Installation, Optional<Installation>> renewal) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Installation> current = read(c, key, true);
                Optional<Installation> renewed = current.flatMap(renewal);
                if (renewed.isPresent()) {
                    delete(c, key);
                    insert(c, renewed.get());
                }
                c.commit();
                if (renewed.isPresent()) {
                    // Slack has spent the old refresh token: the new one must outlive a kill.
                    database.writeNow(c);
                }
                return renewed.isPresent() ? renewed : current;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("renew a token", e);
        }
    }

    /**
     * Deletes the installation of a workspace, or every installation of an organisation when {@code teamId} is
     * empty (an org-wide uninstall).
     *
     * @return how many were deleted
     */
    public int delete(Optional<String> enterpriseId, Optional<String> teamId) {
        try (Connection c = database.connection()) {
            if (teamId.isPresent()) {
                return delete(c, Installation.key(Optional.empty(), teamId));
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE enterprise_id = ?")) {
                delete.setString(1, enterpriseId.orElseThrow());
                return delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("delete an installation", e);
        }
    }

    private static int delete(Connection c, String key) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE install_key = ?")) {
            delete.setString(1, key);
            return delete.executeUpdate();
        }
    }

    private void insert(Connection c, Installation i) throws SQLException {
        String key = i.key();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, i.enterpriseId().orElse(null));
            insert.setString(3, i.teamId().orElse(null));
            insert.setBoolean(4, i.enterpriseInstall());
            insert.setString(5, i.enterpriseName().orElse(null));
            insert.setString(6, i.enterpriseUrl().orElse(null));
            insert.setString(7, i.teamName().orElse(null));
            insert.setString(8, i.appId().orElse(null));
            insert.setString(9, i.botId().orElse(null));
            insert.setString(10, i.botUserId().orElse(null));
            insert.setString(11, i.botScopes().orElse(null));
            insert.setString(12, cipher.encrypt(i.botToken(), boundTo(key, "bot_token")));
            insert.setString(13, i.botRefreshToken().map(t -> cipher.encrypt(t, boundTo(key, "bot_refresh_token")))
                    .orElse(null));
            if (i.botTokenExpiresAt().isPresent()) {
                insert.setTimestamp(14, Timestamp.from(i.botTokenExpiresAt().get()));
            } else {
                insert.setNull(14, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            insert.setString(15, i.installerUserId().orElse(null));
            insert.setTimestamp(16, Timestamp.from(i.installedAt()));
            insert.setTimestamp(17, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
    }

    private Optional<Installation> read(Connection c, String key, boolean lock) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE install_key = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Timestamp expires = row.getTimestamp("bot_token_expires_at");
                return Optional.of(new Installation(text(row, "enterprise_id"), text(row, "team_id"),
                        row.getBoolean("is_enterprise_install"), text(row, "enterprise_name"),
                        text(row, "enterprise_url"), text(row, "team_name"), text(row, "app_id"),
                        text(row, "bot_id"), text(row, "bot_user_id"), text(row, "bot_scopes"),
                        cipher.decrypt(row.getString("bot_token"), boundTo(key, "bot_token")),
                        text(row, "bot_refresh_token").map(t -> cipher.decrypt(t, boundTo(key, "bot_refresh_token"))),
                        Optional.ofNullable(expires).map(Timestamp::toInstant), text(row, "installer_user_id"),
                        row.getTimestamp("installed_at").toInstant()));
            }
        }
    }

    private static Optional<String> text(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    private static String boundTo(String key, String column) {
        return TABLE + "|" + key + "|" + column;
    }

}
