package com.frameworkadvisor.store;

import com.frameworkadvisor.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store on a real database: the embedded H2 always, PostgreSQL too when {@code TEST_DATABASE_URL} is set. Each
 * test works in a workspace and channel of its own, so the shared PostgreSQL database is never cleaned.
 */
class JdbcDecisionStoreTest {
    private static final String DATABASES = "com.frameworkadvisor.support.TestDatabase#all";
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String workspace = TestDatabase.workspaceId();
    private final String channel = TestDatabase.channelId();
    private final String asker = TestDatabase.userId();
    private final String teammate = TestDatabase.userId();

    private static JdbcDecisionStore open(TestDatabase database) {
        return JdbcDecisionStore.open(DatabaseUrl.parse(Optional.of(database.newUrl())));
    }

    private ThreadKey thread(String ts) {
        return new ThreadKey(workspace, channel, ts);
    }

    private static AnswerSet answers(String user, Instant at, String... questionThenOption) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < questionThenOption.length; i += 2) {
            answers.put(questionThenOption[i], questionThenOption[i + 1]);
        }
        return new AnswerSet(user, answers, "django", 2, 1, at);
    }

    private static Map<String, Map<String, String>> byUser(List<AnswerSet> sets) {
        Map<String, Map<String, String>> byUser = new LinkedHashMap<>();
        sets.forEach(set -> byUser.put(set.userId(), set.answers()));
        return byUser;
    }

    private static <T> List<T> runTogether(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            assertTrue(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void answers_stored_by_a_resumed_delivery_are_stored_once_and_it_sees_the_change_they_made_then(
            TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long decision = store.startDecision(thread("1700000000.000150"), Optional.empty(),
                    answers(asker, T0, "api_only", "no"), OptionalLong.of(9001));
            AnswerSet revised = answers(teammate, T0.plusSeconds(60), "api_only", "yes");
            TeamChange first = store.recordAnswers(decision, revised, OptionalLong.of(9002));

            long again = store.startDecision(thread("1700000000.000150"), Optional.empty(),
                    answers(asker, T0, "api_only", "no"), OptionalLong.of(9001));
            TeamChange resumed = store.recordAnswers(decision, revised, OptionalLong.of(9002));

            assertEquals(decision, again);
            assertEquals(first, resumed, "the same before and after as the first time");
            assertEquals(List.of(asker), first.before().stream().map(AnswerSet::userId).toList());
            assertEquals(List.of(asker, teammate), resumed.after().stream().map(AnswerSet::userId).toList());
            assertEquals(2, answerSetsIn(store, decision), "nothing stored twice");
        }
    }

    private static int answerSetsIn(JdbcDecisionStore store, long decision) {
        try (Connection c = store.database().connection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM answer_set WHERE decision_id = ?")) {
            count.setLong(1, decision);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void opening_a_decision_twice_returns_the_first_one(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            StoredDecision first = store.openDecision(thread("1700000000.000101"), Optional.of("Customer portal"),
                    asker, T0);

            StoredDecision again = store.openDecision(thread("1700000000.000101"), Optional.of("Another name"),
                    teammate, T0.plusSeconds(60));

            assertEquals(first, again);
            assertEquals(Optional.of("Customer portal"), again.project());
            assertEquals(asker, again.createdBy());
            assertEquals(T0, again.createdAt());
            assertEquals(thread("1700000000.000101"), again.thread());
            assertEquals(Optional.of(first), store.findDecision(thread("1700000000.000101")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void starting_a_decision_stores_the_thread_and_its_first_answers_together(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long id = store.startDecision(thread("1700000000.000201"), Optional.of("Customer portal"),
                    answers(asker, T0, "admin_ui", "yes"));

            StoredDecision decision = store.findDecision(thread("1700000000.000201")).orElseThrow();
            assertEquals(id, decision.id());
            assertEquals(Optional.of("Customer portal"), decision.project());
            assertEquals(asker, decision.createdBy());
            assertEquals(T0, decision.createdAt());
            assertEquals(Map.of(asker, Map.of("admin_ui", "yes")), byUser(store.latest(id)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void starting_a_thread_that_has_a_decision_adds_the_answers_to_it(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            StoredDecision existing = store.openDecision(thread("1700000000.000202"), Optional.of("First"), asker,
                    T0);

            long id = store.startDecision(thread("1700000000.000202"), Optional.of("Second"),
                    answers(teammate, T0.plusSeconds(5), "admin_ui", "no"));

            assertEquals(existing.id(), id);
            assertEquals(Optional.of("First"), store.findDecision(thread("1700000000.000202")).orElseThrow()
                    .project());
            assertEquals(Map.of(teammate, Map.of("admin_ui", "no")), byUser(store.latest(id)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_decision_without_a_project_keeps_none(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            StoredDecision decision = store.openDecision(thread("1700000000.000102"), Optional.empty(), asker, T0);

            assertEquals(Optional.empty(), store.findDecision(thread("1700000000.000102")).orElseThrow().project());
            assertEquals(Optional.empty(), decision.project());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void each_thread_is_its_own_decision(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            StoredDecision one = store.openDecision(thread("1700000000.000101"), Optional.empty(), asker, T0);
            StoredDecision two = store.openDecision(thread("1700000000.000102"), Optional.empty(), asker, T0);
            StoredDecision otherChannel = store.openDecision(new ThreadKey(workspace, TestDatabase.channelId(),
                    "1700000000.000101"), Optional.empty(), asker, T0);

            assertEquals(3, Set.of(one.id(), two.id(), otherChannel.id()).size());
            assertEquals(Optional.empty(), store.findDecision(thread("1700000000.000999")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void opening_the_same_threads_from_eight_callers_at_once_creates_one_decision_each(TestDatabase database)
            throws Exception {
        int slackThreads = 20;
        try (JdbcDecisionStore store = open(database)) {
            // Every caller opens the same Slack threads in the same order, so they race on each one.
            List<List<Long>> idsPerCaller = runTogether(8, () -> {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < slackThreads; i++) {
                    ids.add(store.openDecision(thread(String.format("1700000000.%06d", 200 + i)),
                            Optional.of("Race"), asker, T0).id());
                }
                return ids;
            });

            for (List<Long> ids : idsPerCaller) {
                assertEquals(idsPerCaller.get(0), ids, "every caller gets the same decision for each thread");
            }
            try (Connection c = store.database().connection();
                 PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM decision WHERE workspace = ? "
                         + "AND channel = ?")) {
                count.setString(1, workspace);
                count.setString(2, channel);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    assertEquals(slackThreads, rows.getInt(1));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void recording_answers_returns_everyones_latest_before_and_after(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long id = store.openDecision(thread("1700000000.000300"), Optional.empty(), asker, T0).id();

            TeamChange first = store.recordAnswers(id, answers(asker, T0, "admin_ui", "yes"));
            TeamChange second = store.recordAnswers(id, answers(teammate, T0.plusSeconds(1), "admin_ui", "no"));
            TeamChange revised = store.recordAnswers(id, answers(asker, T0.plusSeconds(2), "admin_ui", "unsure"));

            assertEquals(List.of(), first.before());
            assertEquals(Map.of(asker, Map.of("admin_ui", "yes")), byUser(first.after()));
            assertEquals(Map.of(asker, Map.of("admin_ui", "yes")), byUser(second.before()));
            assertEquals(Map.of(asker, Map.of("admin_ui", "yes"), teammate, Map.of("admin_ui", "no")),
                    byUser(second.after()));
            assertEquals(byUser(second.after()), byUser(revised.before()));
            assertEquals(2, revised.after().size(), "each person counts once: " + revised.after());
            assertEquals(Map.of(asker, Map.of("admin_ui", "unsure"), teammate, Map.of("admin_ui", "no")),
                    byUser(revised.after()));
            assertEquals(asker, revised.after().get(1).userId(), "the newest answer set comes last");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void an_answer_set_is_stored_with_every_field(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long id = store.openDecision(thread("1700000000.000310"), Optional.empty(), asker, T0).id();
            Instant at = T0.plus(90, ChronoUnit.MINUTES);
            AnswerSet sent = new AnswerSet(asker, Map.of("admin_ui", "yes", "api_only", "no", "outlook",
                    "crud_auth_admin"), "flask", 3, 4, at);

            store.recordAnswers(id, sent);

            assertEquals(Optional.of(sent), store.latestAnswers(id, asker));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void latest_answers_are_the_persons_newest_in_that_decision_only(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long id = store.openDecision(thread("1700000000.000400"), Optional.empty(), asker, T0).id();
            long other = store.openDecision(thread("1700000000.000401"), Optional.empty(), asker, T0).id();
            store.recordAnswers(id, answers(asker, T0, "api_only", "yes"));
            store.recordAnswers(id, answers(teammate, T0.plusSeconds(1), "api_only", "unsure"));
            store.recordAnswers(id, answers(asker, T0.plusSeconds(2), "api_only", "no"));
            store.recordAnswers(other, answers(asker, T0.plusSeconds(3), "api_only", "unsure"));

            assertEquals(Map.of("api_only", "no"), store.latestAnswers(id, asker).orElseThrow().answers());
            assertEquals(Map.of("api_only", "unsure"), store.latestAnswers(id, teammate).orElseThrow().answers());
            assertEquals(Optional.empty(), store.latestAnswers(other, teammate));
            assertEquals(Optional.empty(), store.latestAnswers(id, TestDatabase.userId()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void channel_history_is_newest_first_limited_and_carries_each_persons_latest(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            for (int i = 0; i < 12; i++) {
                long id = store.openDecision(thread(String.format("1700000000.%06d", 500 + i)),
                        Optional.of("Project " + i), asker, T0.plus(i, ChronoUnit.DAYS)).id();
                store.recordAnswers(id, answers(asker, T0.plus(i, ChronoUnit.DAYS), "admin_ui", "yes"));
            }
            long newest = store.findDecision(thread("1700000000.000511")).orElseThrow().id();
            store.recordAnswers(newest, answers(teammate, T0.plus(20, ChronoUnit.DAYS), "admin_ui", "no"));
            store.openDecision(new ThreadKey(workspace, TestDatabase.channelId(), "1700000000.000599"),
                    Optional.of("Elsewhere"), asker, T0.plus(30, ChronoUnit.DAYS));
            store.openDecision(new ThreadKey(TestDatabase.workspaceId(), channel, "1700000000.000598"),
                    Optional.of("Other workspace"), asker, T0.plus(30, ChronoUnit.DAYS));

            List<DecisionHistory> recent = store.recentInChannel(workspace, channel, 10);

            assertEquals(List.of("Project 11", "Project 10", "Project 9", "Project 8", "Project 7", "Project 6",
                    "Project 5", "Project 4", "Project 3", "Project 2"), recent.stream()
                    .map(h -> h.decision().project().orElseThrow()).toList());
            assertEquals(List.of(asker, teammate), recent.get(0).latest().stream().map(AnswerSet::userId).toList());
            assertEquals(List.of(asker), recent.get(1).latest().stream().map(AnswerSet::userId).toList());
            assertEquals(3, store.recentInChannel(workspace, channel, 3).size());
            assertEquals(List.of(), store.recentInChannel(workspace, TestDatabase.channelId(), 10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_persons_history_holds_the_decisions_they_started_or_answered_newest_first(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long started = store.openDecision(thread("1700000000.000601"), Optional.of("Started"), teammate,
                    T0).id();
            long answered = store.openDecision(thread("1700000000.000602"), Optional.of("Answered"), asker,
                    T0.plus(1, ChronoUnit.DAYS)).id();
            store.recordAnswers(answered, answers(asker, T0, "auth", "yes"));
            store.recordAnswers(answered, answers(teammate, T0, "auth", "no"));
            store.openDecision(thread("1700000000.000603"), Optional.of("Not theirs"), asker,
                    T0.plus(2, ChronoUnit.DAYS));
            store.openDecision(new ThreadKey(TestDatabase.workspaceId(), channel, "1700000000.000604"),
                    Optional.of("Other workspace"), teammate, T0.plus(3, ChronoUnit.DAYS));

            List<DecisionHistory> history = store.recentForUser(workspace, teammate, 10);

            assertEquals(List.of(answered, started), history.stream().map(h -> h.decision().id()).toList());
            assertEquals(Set.of(asker, teammate), history.get(0).latest().stream().map(AnswerSet::userId)
                    .collect(Collectors.toSet()));
            assertEquals(List.of(), history.get(1).latest());
            assertEquals(1, store.recentForUser(workspace, teammate, 1).size());
            assertNotEquals(started, answered);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void corrupt_stored_answers_read_as_no_answers_instead_of_failing(TestDatabase database) throws SQLException {
        try (JdbcDecisionStore store = open(database)) {
            long id = store.openDecision(thread("1700000000.000700"), Optional.of("Corrupt"), asker, T0).id();
            store.recordAnswers(id, answers(asker, T0, "admin_ui", "yes"));
            store.recordAnswers(id, answers(teammate, T0, "admin_ui", "no"));
            try (Connection c = store.database().connection();
                 PreparedStatement corrupt = c.prepareStatement("UPDATE answer_set SET answers = ? "
                         + "WHERE decision_id = ? AND user_id = ?")) {
                corrupt.setString(1, "not json");
                corrupt.setLong(2, id);
                corrupt.setString(3, asker);
                assertEquals(1, corrupt.executeUpdate());
                corrupt.setString(1, "[\"a list\", 1]");
                corrupt.setString(3, teammate);
                assertEquals(1, corrupt.executeUpdate());
            }

            AnswerSet read = store.latestAnswers(id, asker).orElseThrow();
            TeamChange change = store.recordAnswers(id, answers(TestDatabase.userId(), T0, "admin_ui", "yes"));
            List<DecisionHistory> history = store.recentInChannel(workspace, channel, 10);

            assertEquals(Map.of(), read.answers());
            assertEquals("django", read.result(), "the rest of the row is still read");
            assertEquals(Map.of(), store.latestAnswers(id, teammate).orElseThrow().answers());
            assertEquals(2, change.before().size());
            assertEquals(3, change.after().size());
            assertEquals(3, history.get(0).latest().size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void work_under_a_decisions_lock_runs_one_at_a_time_and_sees_every_earlier_answer_set(TestDatabase database)
            throws Exception {
        try (JdbcDecisionStore store = open(database)) {
            long id = store.openDecision(thread("1700000000.000800"), Optional.empty(), asker, T0).id();
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger mostInside = new AtomicInteger();
            int[] counter = {0};
            List<Integer> sizesInLockOrder = new ArrayList<>();
            int threads = 8;
            int rounds = 5;

            runTogether(threads, () -> {
                for (int round = 0; round < rounds; round++) {
                    // As the app does: record first, then update under the lock.
                    store.recordAnswers(id, answers(TestDatabase.userId(), T0, "admin_ui", "yes"));
                    store.withLatestLocked(id, latest -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        // Not atomic on purpose: only the lock keeps this read-modify-write from losing updates.
                        int read = counter[0];
                        for (int i = 0; i < 100; i++) {
                            Thread.yield();
                        }
                        counter[0] = read + 1;
                        sizesInLockOrder.add(latest.size());
                        inside.decrementAndGet();
                        return null;
                    });
                }
                return null;
            });

            assertEquals(1, mostInside.get(), "work ran concurrently under one decision's lock");
            assertEquals(threads * rounds, counter[0], "updates were lost under the lock");
            assertEquals(threads * rounds, sizesInLockOrder.size());
            for (int i = 1; i < sizesInLockOrder.size(); i++) {
                assertTrue(sizesInLockOrder.get(i) >= sizesInLockOrder.get(i - 1),
                        "a later holder of the lock saw fewer answer sets: " + sizesInLockOrder);
            }
            assertEquals(threads * rounds, sizesInLockOrder.get(sizesInLockOrder.size() - 1),
                    "the last holder of the lock sees every answer set: " + sizesInLockOrder);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void locks_on_different_decisions_do_not_wait_for_each_other(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long one = store.openDecision(thread("1700000000.000901"), Optional.empty(), asker, T0).id();
            long two = store.openDecision(thread("1700000000.000902"), Optional.empty(), asker, T0).id();
            store.recordAnswers(two, answers(asker, T0, "admin_ui", "yes"));

            int seenInTwo = store.withLatestLocked(one, outer -> store.withLatestLocked(two, List::size));

            assertEquals(1, seenInTwo);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_failure_inside_the_lock_reaches_the_caller_and_releases_the_lock(TestDatabase database) {
        try (JdbcDecisionStore store = open(database)) {
            long id = store.openDecision(thread("1700000000.001000"), Optional.empty(), asker, T0).id();

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.withLatestLocked(id,
                    latest -> {
                        throw new IllegalStateException("parent update failed");
                    }));

            assertEquals("parent update failed", e.getMessage());
            int seenAfterwards = store.withLatestLocked(id, List::size);
            assertEquals(0, seenAfterwards, "the lock was released");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_closed_store_fails_with_store_unavailable(TestDatabase database) {
        JdbcDecisionStore store = open(database);
        store.close();

        assertThrows(StoreUnavailableException.class, () -> store.findDecision(thread("1700000000.001100")));
        assertThrows(StoreUnavailableException.class, () -> store.recentInChannel(workspace, channel, 10));
    }

    @Test
    void data_survives_closing_and_reopening_the_embedded_database_file(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("advisor").toAbsolutePath();
        long id;
        try (JdbcDecisionStore store = JdbcDecisionStore.open(DatabaseUrl.parse(Optional.of(url)))) {
            id = store.openDecision(thread("1700000000.001200"), Optional.of("Durable"), asker, T0).id();
            store.recordAnswers(id, answers(asker, T0, "admin_ui", "yes"));
            store.recordAnswers(id, answers(teammate, T0.plusSeconds(1), "admin_ui", "no"));
        }

        try (JdbcDecisionStore reopened = JdbcDecisionStore.open(DatabaseUrl.parse(Optional.of(url)))) {
            StoredDecision decision = reopened.findDecision(thread("1700000000.001200")).orElseThrow();

            assertEquals(id, decision.id());
            assertEquals(Optional.of("Durable"), decision.project());
            assertEquals(Map.of(asker, Map.of("admin_ui", "yes"), teammate, Map.of("admin_ui", "no")),
                    byUser(reopened.recentInChannel(workspace, channel, 10).get(0).latest()));
        }
    }

    @Test
    void an_unreachable_database_named_by_a_jdbc_url_with_a_password_fails_without_repeating_it() {
        // Heroku's JDBC_DATABASE_URL carries the credentials this way; Main prints this message at start-up.
        DatabaseUrl nowhere = DatabaseUrl.parse(Optional.of("jdbc:postgresql://127.0.0.1:1/advisor?user=advisor"
                + "&password=secret-pw"));

        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> JdbcDecisionStore.open(nowhere));

        assertFalse(e.getMessage().contains("secret-pw"), "the message leaks the password: " + e.getMessage());
    }

    @Test
    void an_unreachable_database_fails_to_open_with_store_unavailable() {
        DatabaseUrl nowhere = DatabaseUrl.parse(Optional.of("postgres://advisor:secret-pw@127.0.0.1:1/advisor"));

        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> JdbcDecisionStore.open(nowhere));

        assertFalse(e.getMessage().contains("secret-pw"), "the message leaks the password: " + e.getMessage());
    }
}
