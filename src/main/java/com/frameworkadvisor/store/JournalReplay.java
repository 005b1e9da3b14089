package com.frameworkadvisor.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Brings the embedded database up to its {@link AckJournal} at start, before anything else uses it.
 *
 * <p>Every batch that held journal entries stored its number in {@code ack_journal.position} in the same commit.
 * So an accepted delivery whose batch number is above the stored position was lost with H2's unwritten commits,
 * and is stored again (under a new id; its steps follow it). One at or below it is in the database, or was
 * finished and deleted there. Steps are applied where the database has fewer. Then H2 writes everything
 * ({@code CHECKPOINT}) and the journal is emptied. Doing this twice changes nothing the second time.
 */
final class JournalReplay {
    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /** Records, in a batch's commit, that the batch is in the database once the commit is written. */
    static void markWritten(Connection c, long batch) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE ack_journal SET position = ?")) {
            update.setLong(1, batch);
            update.executeUpdate();
        }
    }

    /** Replays {@code journal} into the database, then empties it. */
    static void replay(Connection c, AckJournal journal) throws SQLException, IOException {
        c.setAutoCommit(false);
        long written = position(c);
        Map<Long, Long> storedAgain = new HashMap<>();
        int steps = 0;
        long highest = written;
        for (AckJournal.Read read : journal.found()) {
            highest = Math.max(highest, read.batch());
            if (read.entry() instanceof AckJournal.Accepted accepted && read.batch() > written) {
                storedAgain.put(accepted.deliveryId(), JdbcDeliveryStore.insert(c, accepted.kind(),
                        accepted.workspace(), accepted.payload(), accepted.acceptedAt(), "journal", 0));
            } else if (read.entry() instanceof AckJournal.Step step) {
                steps += applyStep(c, storedAgain.getOrDefault(step.deliveryId(), step.deliveryId()), step);
            }
        }
        markWritten(c, highest);
        c.commit();
        c.setAutoCommit(true);
        journal.numberAfter(highest);
        if (!journal.found().isEmpty()) {
            checkpoint(c);
            journal.empty();
            log.info("ack_journal_replayed entries={} deliveries_stored_again={} steps_applied={}",
                    journal.found().size(), storedAgain.size(), steps);
        }
    }

    /** Makes H2 write every commit to its file now. */
    static void checkpoint(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    private static long position(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT position FROM ack_journal")) {
            if (!row.next()) {
                throw new SQLException("ack_journal has no row: the migration V4 did not run");
            }
            return row.getLong(1);
        }
    }

    private static int applyStep(Connection c, long id, AckJournal.Step step) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE delivery SET steps_done = ?, "
                + "parent_channel = COALESCE(?, parent_channel), parent_ts = COALESCE(?, parent_ts) "
                + "WHERE id = ? AND steps_done < ?")) {
            update.setInt(1, step.stepsDone());
            update.setString(2, step.parent().map(PendingDelivery.PostedMessage::channel).orElse(null));
            update.setString(3, step.parent().map(PendingDelivery.PostedMessage::ts).orElse(null));
            update.setLong(4, id);
            update.setInt(5, step.stepsDone());
            return update.executeUpdate();
        }
    }
}
