package com.frameworkadvisor.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** {@link DecisionStore} on JDBC: parameterised SQL only, a HikariCP pool, schema by Flyway migrations. */
public final class JdbcDecisionStore implements DecisionStore, AutoCloseable {
    private final Database database;
    private final ObjectMapper json = new ObjectMapper();
    private final DecisionRows reader = new DecisionRows(json);

    public JdbcDecisionStore(Database database) {
        this.database = database;
    }

    /**
     * Connects, runs the pending migrations and returns the store.
     *
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static JdbcDecisionStore open(DatabaseUrl url) {
        return new JdbcDecisionStore(Database.open(url));
    }

    Database database() {
        return database;
    }

    @Override
    public StoredDecision openDecision(ThreadKey thread, Optional<String> project, String createdBy, Instant at) {
        Optional<StoredDecision> existing = findDecision(thread);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (Connection c = database.connection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO decision (workspace, channel, thread_ts, "
                     + "project, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, thread.workspace());
            insert.setString(2, thread.channel());
            insert.setString(3, thread.threadTs());
            insert.setString(4, project.orElse(null));
            insert.setString(5, createdBy);
            insert.setTimestamp(6, Timestamp.from(at));
            insert.executeUpdate();
        } catch (SQLException e) {
            // Another instance created it a moment ago: the unique (workspace, channel, thread_ts) says so.
            if (!StoreUnavailableException.isConstraintViolation(e)) {
                throw StoreUnavailableException.couldNot("open a decision", e);
            }
        }
        return findDecision(thread).orElseThrow(() -> new StoreUnavailableException(
                "the decision for " + thread + " vanished after it was created", null));
    }

    @Override
    public long startDecision(ThreadKey thread, Optional<String> project, AnswerSet first, OptionalLong delivery) {
        try {
            // On a delivery's path: in a shared commit (Database.writes).
            return database.writes().write(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO decision (workspace, channel, "
                        + "thread_ts, project, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        new String[] {"id"})) {
                    insert.setString(1, thread.workspace());
                    insert.setString(2, thread.channel());
                    insert.setString(3, thread.threadTs());
                    insert.setString(4, project.orElse(null));
                    insert.setString(5, first.userId());
                    insert.setTimestamp(6, Timestamp.from(first.answeredAt()));
                    insert.executeUpdate();
                    long id;
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new SQLException("no id generated for the new decision");
                        }
                        id = keys.getLong(1);
                    }
                    insertAnswerSet(c, id, first, delivery);
                    return id;
                }
            });
        } catch (StoreUnavailableException e) {
            if (StoreUnavailableException.isConstraintViolation(e.getCause())) {
                // The thread has a decision already (another instance was first, or this delivery resumed after
                // storing it): add the answers to it, which a resumed delivery finds stored already.
                long id = openDecision(thread, project, first.userId(), first.answeredAt()).id();
                recordAnswers(id, first, delivery);
                return id;
            }
            throw e;
        }
    }

    /** The answer set a delivery stored, as {id, decision id}, if it stored one. */
    private static Optional<long[]> storedBy(Connection c, long delivery) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, decision_id FROM answer_set "
                + "WHERE delivery_id = ?")) {
            select.setLong(1, delivery);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new long[] {rows.getLong(1), rows.getLong(2)}) : Optional.empty();
            }
        }
    }

    private void insertAnswerSet(Connection c, long decisionId, AnswerSet answers, OptionalLong delivery)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO answer_set (decision_id, user_id, "
                + "answers, result, django_score, flask_score, answered_at, delivery_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, decisionId);
            insert.setString(2, answers.userId());
            insert.setString(3, answersJson(answers));
            insert.setString(4, answers.result());
            insert.setInt(5, answers.djangoScore());
            insert.setInt(6, answers.flaskScore());
            insert.setTimestamp(7, Timestamp.from(answers.answeredAt()));
            if (delivery.isPresent()) {
                insert.setLong(8, delivery.getAsLong());
            } else {
                insert.setNull(8, Types.BIGINT);
            }
            insert.executeUpdate();
        }
    }

    private String answersJson(AnswerSet answers) throws SQLException {
        try {
            return json.writeValueAsString(answers.answers());
        } catch (JsonProcessingException e) {
            throw new SQLException("answers that do not write as JSON", e);
        }
    }

    @Override
    public Optional<StoredDecision> findDecision(ThreadKey thread) {
        try (Connection c = database.connection();
             PreparedStatement select = c.prepareStatement("SELECT " + DecisionRows.DECISION_COLUMNS
                     + " FROM decision d WHERE d.workspace = ? AND d.channel = ? AND d.thread_ts = ?")) {
            select.setString(1, thread.workspace());
            select.setString(2, thread.channel());
            select.setString(3, thread.threadTs());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(DecisionRows.decision(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("find a decision", e);
        }
    }

    @Override
    public TeamChange recordAnswers(long decisionId, AnswerSet answers, OptionalLong delivery) {
        // Not in a shared commit: its answer set refers to a decision another thread may hold locked while Slack
        // updates the parent (withLatestLocked), and a shared commit must never wait on that.
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<long[]> stored = delivery.isPresent() ? storedBy(c, delivery.getAsLong())
                        : Optional.empty();
                TeamChange change;
                if (stored.isPresent() && stored.get()[1] == decisionId) {
                    // A resumed delivery stored these answers already: the change they made then.
                    long id = stored.get()[0];
                    change = new TeamChange(reader.latest(c, decisionId, id - 1), reader.latest(c, decisionId, id));
                } else {
                    List<AnswerSet> before = reader.latest(c, decisionId);
                    insertAnswerSet(c, decisionId, answers, delivery);
                    change = new TeamChange(before, reader.latest(c, decisionId));
                }
                c.commit();
                return change;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("record answers", e);
        }
    }

    @Override
    public List<AnswerSet> latest(long decisionId) {
        try (Connection c = database.connection()) {
            return reader.latest(c, decisionId);
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("read answers", e);
        }
    }

    @Override
    public Optional<AnswerSet> latestAnswers(long decisionId, String userId) {
        return latest(decisionId).stream().filter(a -> a.userId().equals(userId)).findFirst();
    }

    @Override
    public <T> T withLatestLocked(long decisionId, Function<List<AnswerSet>, T> work) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM decision WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, decisionId);
                    lock.executeQuery().close();
                }
                T result = work.apply(reader.latest(c, decisionId));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("lock a decision", e);
        }
    }

    @Override
    public List<DecisionHistory> recentInChannel(String workspace, String channel, int limit) {
        return history("SELECT " + DecisionRows.DECISION_COLUMNS + " FROM decision d WHERE d.workspace = ? "
                + "AND d.channel = ? "
                + "ORDER BY d.created_at DESC, d.id DESC", limit, workspace, channel);
    }

    @Override
    public List<DecisionHistory> recentForUser(String workspace, String userId, int limit) {
        return history("SELECT " + DecisionRows.DECISION_COLUMNS + " FROM decision d WHERE d.workspace = ? "
                + "AND (d.created_by = ? "
                + "OR EXISTS (SELECT 1 FROM answer_set a WHERE a.decision_id = d.id AND a.user_id = ?)) "
                + "ORDER BY d.created_at DESC, d.id DESC", limit, workspace, userId, userId);
    }

    @Override
    public int deleteWorkspace(String workspace) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement answers = c.prepareStatement("DELETE FROM answer_set WHERE decision_id IN "
                    + "(SELECT id FROM decision WHERE workspace = ?)");
                 PreparedStatement decisions = c.prepareStatement("DELETE FROM decision WHERE workspace = ?")) {
                answers.setString(1, workspace);
                int deleted = answers.executeUpdate();
                decisions.setString(1, workspace);
                deleted += decisions.executeUpdate();
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("delete a workspace's decisions", e);
        }
    }

    private List<DecisionHistory> history(String sql, int limit, String... params) {
        try (Connection c = database.connection()) {
            return reader.history(c, sql, limit, params);
        } catch (SQLException e) {
            throw StoreUnavailableException.couldNot("read the history", e);
        }
    }


    @Override
    public void close() {
        database.close();
    }
}
