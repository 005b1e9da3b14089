package com.frameworkadvisor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link DeliveryStore} on JDBC, the same SQL on H2 and PostgreSQL. Claims take rows with
 * {@code FOR UPDATE SKIP LOCKED} in a short transaction and mark them with the owner and a lease measured on the
 * database's clock, so instances' clocks do not matter; no row lock is held while Slack is called. Every update of
 * progress names the owner, so an instance that lost its lease cannot overwrite the one that took over.
 */
public final class JdbcDeliveryStore implements DeliveryStore {
    private static final String PENDING = "pending";
    private static final String LEASE_FROM_NOW = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND";
    private static final String COLUMNS = "id, kind, workspace, payload, steps_done, parent_channel, parent_ts, "
            + "attempts, accepted_at";

    private final Database database;
    /** The writes on an ack's and a delivery's path: made in shared commits. */
    private final GroupCommit writes;

    public JdbcDeliveryStore(Database database) {
        this.database = database;
        this.writes = database.writes();
    }

    @Override
    public long accept(String kind, String workspace, String payload, Instant acceptedAt, String owner,
                       Duration lease) {
        return writes.write(c -> insert(c, kind, workspace, payload, acceptedAt, owner, seconds(lease)),
                id -> new AckJournal.Accepted(id, kind, workspace, payload, acceptedAt));
    }

    /** Stores a pending delivery, held by {@code owner} for {@code leaseSeconds}; returns its id. */
    static long insert(Connection c, String kind, String workspace, String payload, Instant acceptedAt, String owner,
                       int leaseSeconds) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO delivery (kind, workspace, payload, "
                + "state, attempts, claimed_by, lease_until, accepted_at) VALUES (?, ?, ?, '" + PENDING + "', 1, "
                + "?, " + LEASE_FROM_NOW + ", ?)", new String[] {"id"})) {
            insert.setString(1, kind);
            insert.setString(2, workspace);
            insert.setString(3, payload);
            insert.setString(4, owner);
            insert.setInt(5, leaseSeconds);
            insert.setTimestamp(6, Timestamp.from(acceptedAt));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for the new delivery");
                }
                return keys.getLong(1);
            }
        }
    }

    @Override
    public List<PendingDelivery> claim(String owner, int max, Duration lease) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement("SELECT id FROM delivery WHERE state = '"
                        + PENDING + "' AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP) ORDER BY id "
                        + "FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                    select.setInt(1, max);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                }
                List<PendingDelivery> claimed = new ArrayList<>();
                for (long id : ids) {
                    try (PreparedStatement update = c.prepareStatement("UPDATE delivery SET claimed_by = ?, "
                            + "lease_until = " + LEASE_FROM_NOW + ", attempts = attempts + 1 WHERE id = ?")) {
                        update.setString(1, owner);
                        update.setInt(2, seconds(lease));
                        update.setLong(3, id);
                        update.executeUpdate();
                    }
                    claimed.add(read(c, id));
                }
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("claim deliveries", e);
        }
    }

    private static PendingDelivery read(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM delivery WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("delivery " + id + " vanished while it was claimed");
                }
                String channel = row.getString("parent_channel");
                String ts = row.getString("parent_ts");
                return new PendingDelivery(row.getLong("id"), row.getString("kind"), row.getString("workspace"),
                        row.getString("payload"), row.getInt("steps_done"),
                        channel == null || ts == null ? Optional.empty()
                                : Optional.of(new PendingDelivery.PostedMessage(channel, ts)),
                        row.getInt("attempts"), row.getTimestamp("accepted_at").toInstant());
            }
        }
    }

    @Override
    public int releaseAbandoned(String owner) {
        if (!database.singleProcess()) {
            return 0;
        }
        return update("release abandoned deliveries", "UPDATE delivery SET claimed_by = NULL, lease_until = NULL "
                + "WHERE state = '" + PENDING + "' AND claimed_by IS NOT NULL AND claimed_by <> ?", owner);
    }

    @Override
    public void recordStep(long id, String owner, int stepsDone, Optional<PendingDelivery.PostedMessage> parent) {
        String sql = parent.isPresent()
                ? "UPDATE delivery SET steps_done = ?, parent_channel = ?, parent_ts = ? "
                        + "WHERE id = ? AND claimed_by = ?"
                : "UPDATE delivery SET steps_done = ? WHERE id = ? AND claimed_by = ?";
        Object[] params = parent.isPresent()
                ? new Object[] {stepsDone, parent.get().channel(), parent.get().ts(), id, owner}
                : new Object[] {stepsDone, id, owner};
        // Journaled: H2 may write the step to its file later, and a resumed delivery must still find it.
        held(id, writes.write(c -> run(c, sql, params),
                rows -> rows == 0 ? null : new AckJournal.Step(id, stepsDone, parent)));
    }

    @Override
    public void finish(long id, String owner) {
        // Deleted, not kept: the table stays as small as the backlog, and each write touches few pages.
        held(id, write("DELETE FROM delivery WHERE id = ? AND claimed_by = ?", id, owner));
    }

    @Override
    public void retryLater(long id, String owner, Duration delay, String error) {
        if (delay.isZero()) {
            held(id, write("UPDATE delivery SET claimed_by = NULL, lease_until = NULL, last_error = ? WHERE id = ? "
                    + "AND claimed_by = ?", truncate(error), id, owner));
            return;
        }
        held(id, write("UPDATE delivery SET claimed_by = NULL, lease_until = " + LEASE_FROM_NOW + ", last_error = ? "
                + "WHERE id = ? AND claimed_by = ?", seconds(delay), truncate(error), id, owner));
    }

    @Override
    public void fail(long id, String owner, String error) {
        held(id, update("mark a delivery failed", "UPDATE delivery SET state = 'failed', "
                + "finished_at = CURRENT_TIMESTAMP, claimed_by = NULL, lease_until = NULL, last_error = ? "
                + "WHERE id = ? AND claimed_by = ?", truncate(error), id, owner));
    }

    @Override
    public int renew(String owner, Duration lease) {
        return update("renew delivery leases", "UPDATE delivery SET lease_until = " + LEASE_FROM_NOW
                + " WHERE claimed_by = ? AND state = '" + PENDING + "'", seconds(lease), owner);
    }

    @Override
    public int release(String owner) {
        return update("release deliveries", "UPDATE delivery SET claimed_by = NULL, lease_until = NULL "
                + "WHERE claimed_by = ? AND state = '" + PENDING + "'", owner);
    }

    @Override
    public Backlog backlog() {
        try (Connection c = database.connection();
             PreparedStatement select = c.prepareStatement("SELECT COUNT(*), MIN(accepted_at) FROM delivery "
                     + "WHERE state = '" + PENDING + "'");
             ResultSet row = select.executeQuery()) {
            row.next();
            Timestamp oldest = row.getTimestamp(2);
            return new Backlog(row.getLong(1), Optional.ofNullable(oldest).map(Timestamp::toInstant));
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("count pending deliveries", e);
        }
    }

    @Override
    public boolean firstTimeSeen(String eventId, String workspace, String type, Instant at) {
        try (Connection c = database.connection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO slack_event (event_id, workspace, type, "
                     + "received_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, eventId);
            insert.setString(2, workspace);
            insert.setString(3, type);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (StoreUnavailableException.isConstraintViolation(e)) {
                return false;
            }
            throw StoreUnavailableException.couldNot("record an event", e);
        }
    }

    @Override
    public int deleteWorkspace(String workspace, long keep) {
        return update("delete a workspace's deliveries", "DELETE FROM delivery WHERE workspace = ? AND id <> ?",
                workspace, keep);
    }

    @Override
    public int purge(Instant before) {
        Timestamp cutoff = Timestamp.from(before);
        return update("purge handled events", "DELETE FROM slack_event WHERE received_at < ?", cutoff);
    }

    /** An update in the next shared commit; returns how many rows it changed. */
    private int write(String sql, Object... params) {
        return writes.write(c -> run(c, sql, params));
    }

    private static int run(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    private int update(String what, String sql, Object... params) {
        try (Connection c = database.connection()) {
            return run(c, sql, params);
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot(what, e);
        }
    }

    private static void held(long id, int updated) {
        if (updated == 0) {
            throw new LeaseLostException(id);
        }
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toSeconds()));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 400 ? error : error.substring(0, 400);
    }

}
