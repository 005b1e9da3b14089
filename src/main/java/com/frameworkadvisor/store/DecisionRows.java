package com.frameworkadvisor.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How {@link JdbcDecisionStore} reads decisions and answer sets back from their rows. */
final class DecisionRows {
    private static final Logger log = LoggerFactory.getLogger(DecisionRows.class);
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };

    static final String DECISION_COLUMNS = "d.id, d.workspace, d.channel, d.thread_ts, d.project, "
            + "d.created_by, d.created_at";
    /** Everyone's latest answer set among those up to an id. */
    private static final String LATEST_PER_PERSON = "SELECT a.decision_id, a.user_id, a.answers, a.result, "
            + "a.django_score, a.flask_score, a.answered_at FROM answer_set a WHERE a.decision_id = ? AND a.id = "
            + "(SELECT MAX(b.id) FROM answer_set b WHERE b.decision_id = a.decision_id AND b.user_id = a.user_id "
            + "AND b.id <= ?) ORDER BY a.id";

    private final ObjectMapper json;

    DecisionRows(ObjectMapper json) {
        this.json = json;
    }

    /** Everyone's latest answer set in a decision, in the order they were given. */
    List<AnswerSet> latest(Connection c, long decisionId) throws SQLException {
        return latest(c, decisionId, Long.MAX_VALUE);
    }

    /** Everyone's latest answer set in a decision among those up to {@code upToId}. */
    List<AnswerSet> latest(Connection c, long decisionId, long upToId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(LATEST_PER_PERSON)) {
            select.setLong(1, decisionId);
            select.setLong(2, upToId);
            List<AnswerSet> sets = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sets.add(new AnswerSet(rows.getString("user_id"), answers(decisionId, rows.getString("answers")),
                            rows.getString("result"), rows.getInt("django_score"), rows.getInt("flask_score"),
                            rows.getTimestamp("answered_at").toInstant()));
                }
            }
            return sets;
        }
    }

    /** The decisions {@code sql} selects ({@link #DECISION_COLUMNS}), up to {@code limit}, with their answers. */
    List<DecisionHistory> history(Connection c, String sql, int limit, String... params) throws SQLException {
        List<StoredDecision> decisions = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setString(i + 1, params[i]);
            }
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    decisions.add(decision(rows));
                }
            }
        }
        List<DecisionHistory> history = new ArrayList<>();
        for (StoredDecision decision : decisions) {
            history.add(new DecisionHistory(decision, latest(c, decision.id())));
        }
        return history;
    }

    static StoredDecision decision(ResultSet rows) throws SQLException {
        return new StoredDecision(rows.getLong("id"),
                new ThreadKey(rows.getString("workspace"), rows.getString("channel"), rows.getString("thread_ts")),
                Optional.ofNullable(rows.getString("project")), rows.getString("created_by"),
                rows.getTimestamp("created_at").toInstant());
    }

    /** A corrupt stored answer set must never break a thread: it reads as "no answers" (all unsure). */
    private Map<String, String> answers(long decisionId, String text) {
        try {
            Map<String, String> answers = json.readValue(text, ANSWERS);
            return answers == null ? Map.of() : answers;
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("stored_answers_unreadable decision_id={} problem={}", decisionId, e.getClass().getSimpleName());
            return Map.of();
        }
    }
}
