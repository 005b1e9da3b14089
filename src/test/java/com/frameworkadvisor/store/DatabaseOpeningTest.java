package com.frameworkadvisor.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database opening in the background: calls wait a little for it, then fail as a database that is down does. */
class DatabaseOpeningTest {
    private static final ThreadKey THREAD = new ThreadKey("T0TEST", "C0GENERAL", "1700000000.000100");

    @Test
    void once_open_it_stores_and_reads_like_the_database_it_opened() {
        try (Database database = openedInBackground(memory("opened"), Runnable::run)) {
            database.awaitOpen();
            JdbcDecisionStore store = new JdbcDecisionStore(database);
            StoredDecision decision = store.openDecision(THREAD, Optional.of("Portal"), "U0ASKER1", Instant.now());
            store.recordAnswers(decision.id(), new AnswerSet("U0ASKER1", Map.of("admin_ui", "yes"), "django", 1, 0,
                    Instant.now()));

            assertEquals(Optional.of(decision.id()), store.findDecision(THREAD).map(StoredDecision::id));
            assertEquals("U0ASKER1", store.latest(decision.id()).get(0).userId());
        }
    }

    @Test
    void a_database_opened_when_asked_starts_opening_when_asked_or_when_a_call_needs_it() {
        AtomicInteger openings = new AtomicInteger();
        Executor counted = task -> {
            openings.incrementAndGet();
            task.run();
        };
        try (Database database = Database.openWhenAsked(memory("asked"), counted)) {
            assertEquals(0, openings.get());

            assertEquals(Optional.empty(), new JdbcDecisionStore(database).findDecision(THREAD));
            assertEquals(1, openings.get(), "the call started it");
            database.startOpening();
            database.awaitOpen();

            assertEquals(1, openings.get(), "opened once");
        }
        AtomicInteger asked = new AtomicInteger();
        try (Database database = Database.openWhenAsked(memory("asked-only"), task -> {
            asked.incrementAndGet();
            task.run();
        })) {
            assertEquals(0, asked.get());

            database.startOpening();

            assertEquals(1, asked.get(), "asking started it");
        }
    }

    @Test
    void a_call_while_the_database_is_still_opening_waits_then_fails_as_an_unavailable_database()
            throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        Executor stuck = task -> new Thread(() -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        }).start();
        try (Database database = openedInBackground(memory("slow"), stuck)) {
            JdbcDecisionStore store = new JdbcDecisionStore(database);
            long start = System.nanoTime();
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.findDecision(THREAD));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals("The database is still opening", e.getMessage());
            assertTrue(waitedMillis >= Database.WAIT.toMillis() - 50, "waited " + waitedMillis + " ms");
        } finally {
            never.countDown();
        }
    }

    @Test
    void a_database_that_could_not_be_opened_fails_every_call_with_the_reason() {
        DatabaseUrl unreachable = new DatabaseUrl("jdbc:postgresql://127.0.0.1:1/advisor", Optional.of("advisor"),
                Optional.of("secret"));
        try (Database database = openedInBackground(unreachable, Runnable::run)) {
            JdbcDecisionStore store = new JdbcDecisionStore(database);
            StoreUnavailableException opening = assertThrows(StoreUnavailableException.class, database::awaitOpen);
            StoreUnavailableException call = assertThrows(StoreUnavailableException.class,
                    () -> store.recentInChannel("T0TEST", "C0GENERAL", 5));

            assertTrue(opening.getMessage().startsWith("Could not open the database"), opening.getMessage());
            assertEquals(opening.getMessage(), call.getMessage());
        }
    }

    /** Opening at once, in the background on {@code executor}. */
    private static Database openedInBackground(DatabaseUrl url, Executor executor) {
        Database database = Database.openWhenAsked(url, executor);
        database.startOpening();
        return database;
    }

    private static DatabaseUrl memory(String name) {
        return new DatabaseUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", Optional.empty(), Optional.empty());
    }
}
