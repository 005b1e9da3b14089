package com.frameworkadvisor.store;

import com.frameworkadvisor.store.PendingDelivery.PostedMessage;
import com.frameworkadvisor.support.TestDatabase;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox on a real database (H2 always, PostgreSQL too when {@code TEST_DATABASE_URL} is set): claims, leases
 * and takeover between instances, progress kept for whoever resumes, and event ids seen once.
 */
class JdbcDeliveryStoreTest {
    private static final String DATABASES = "com.frameworkadvisor.support.TestDatabase#all";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant ACCEPTED = Instant.parse("2026-12-02T10:00:00Z");
    private static final String ALIVE = "instance-alive";
    private static final String OTHER = "instance-other";

    private final String workspace = TestDatabase.workspaceId();

    private static Database open(String url) {
        return Database.open(DatabaseUrl.parse(Optional.of(url)));
    }

    private long accept(JdbcDeliveryStore store, String owner, Duration lease) {
        return store.accept("decision", workspace, "{\"n\":1}", ACCEPTED, owner, lease);
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void an_accepted_delivery_is_held_by_the_instance_that_accepted_it(TestDatabase database) {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            accept(store, ALIVE, LEASE);

            assertEquals(List.of(), store.claim(OTHER, 10, LEASE), "held under a live lease");
            assertEquals(1, store.backlog().pending());
            assertEquals(Optional.of(ACCEPTED), store.backlog().oldestAcceptedAt());
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void a_dead_instances_delivery_is_taken_over_once_its_lease_has_passed_and_the_dead_one_cannot_write(
            TestDatabase database) {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            long id = accept(store, "instance-dead", Duration.ofSeconds(1));

            List<PendingDelivery> taken = Waits.atMost(Duration.ofSeconds(10))
                    .until(() -> store.claim(OTHER, 10, LEASE), claimed -> !claimed.isEmpty());

            assertEquals(id, taken.get(0).id());
            assertEquals(2, taken.get(0).attempts());
            assertEquals("{\"n\":1}", taken.get(0).payload());
            assertThrows(LeaseLostException.class, () -> store.recordStep(id, "instance-dead", 1, Optional.empty()));
            assertThrows(LeaseLostException.class, () -> store.finish(id, "instance-dead"));
            store.finish(id, OTHER);
            assertEquals(0, store.backlog().pending());
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void the_steps_done_and_the_parent_posted_are_there_for_whoever_resumes_the_delivery(TestDatabase database) {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            long id = accept(store, ALIVE, LEASE);
            PostedMessage parent = new PostedMessage("C0GENERAL", "1700000000.000100");
            store.recordStep(id, ALIVE, 1, Optional.of(parent));
            store.recordStep(id, ALIVE, 2, Optional.empty());

            assertEquals(1, store.release(ALIVE), "given back on shutdown");
            PendingDelivery resumed = store.claim(OTHER, 10, LEASE).get(0);

            assertEquals(2, resumed.stepsDone());
            assertEquals(Optional.of(parent), resumed.parent(), "a later step keeps the parent");
            assertEquals(ACCEPTED, resumed.acceptedAt());
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void two_instances_claiming_at_once_take_each_delivery_exactly_once(TestDatabase database) throws Exception {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            int deliveries = 200;
            for (int i = 0; i < deliveries; i++) {
                accept(store, "instance-stopped", LEASE);
            }
            store.release("instance-stopped");
            ExecutorService instances = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Long>>> claims = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String owner = "instance-" + i;
                    claims.add(instances.submit(claimUntilNone(store, owner)));
                }
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> claim : claims) {
                    all.addAll(claim.get());
                }
                Set<Long> distinct = new HashSet<>(all);

                assertEquals(all.size(), distinct.size(), "no delivery was claimed twice");
                assertEquals(deliveries, distinct.size(), "every delivery was claimed");
            } finally {
                instances.shutdownNow();
            }
        }
    }

    private static Callable<List<Long>> claimUntilNone(JdbcDeliveryStore store, String owner) {
        return () -> {
            List<Long> mine = new ArrayList<>();
            int emptyInARow = 0;
            while (emptyInARow < 3) {
                List<PendingDelivery> claimed = store.claim(owner, 5, LEASE);
                emptyInARow = claimed.isEmpty() ? emptyInARow + 1 : 0;
                claimed.forEach(d -> mine.add(d.id()));
            }
            return mine;
        };
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void a_delivery_given_back_for_later_is_claimed_only_after_its_delay(TestDatabase database) {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            long id = accept(store, ALIVE, LEASE);

            store.retryLater(id, ALIVE, Duration.ofSeconds(3), "Slack unreachable");

            assertEquals(List.of(), store.claim(ALIVE, 10, LEASE), "not before its delay");
            List<PendingDelivery> later = Waits.atMost(Duration.ofSeconds(10))
                    .until(() -> store.claim(ALIVE, 10, LEASE), claimed -> !claimed.isEmpty());
            assertEquals(id, later.get(0).id());
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void finished_and_failed_deliveries_are_never_claimed_again(TestDatabase database) {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            long done = accept(store, ALIVE, LEASE);
            long failed = accept(store, ALIVE, LEASE);

            store.finish(done, ALIVE);
            store.fail(failed, ALIVE, "msg_too_long");
            store.release(ALIVE);

            assertEquals(List.of(), store.claim(OTHER, 10, LEASE));
            assertEquals(0, store.backlog().pending());
            assertEquals(Optional.empty(), store.backlog().oldestAcceptedAt());
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void a_redelivered_event_is_seen_for_the_first_time_only_once_by_any_instance(TestDatabase database) {
        String url = database.newUrl();
        try (Database one = open(url); Database two = open(url)) {
            String eventId = "Ev" + workspace;

            assertTrue(new JdbcDeliveryStore(one).firstTimeSeen(eventId, workspace, "app_home_opened", ACCEPTED));
            assertFalse(new JdbcDeliveryStore(two).firstTimeSeen(eventId, workspace, "app_home_opened", ACCEPTED));
            assertFalse(new JdbcDeliveryStore(one).firstTimeSeen(eventId, workspace, "app_home_opened", ACCEPTED));
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void deleting_a_workspace_keeps_the_removal_and_the_event_ids_so_a_redelivered_uninstall_is_still_known(
            TestDatabase database) {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            long removal = accept(store, ALIVE, LEASE);
            accept(store, ALIVE, LEASE);
            store.firstTimeSeen("EvUNINSTALL" + workspace, workspace, "app_uninstalled", ACCEPTED);

            assertEquals(1, store.deleteWorkspace(workspace, removal), "the other delivery");

            assertEquals(1, store.backlog().pending(), "the removal itself stays until it is finished");
            assertFalse(store.firstTimeSeen("EvUNINSTALL" + workspace, workspace, "app_uninstalled", ACCEPTED),
                    "the uninstall event's id outlives the data it removed");
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void purging_removes_event_ids_older_than_the_cut_off_and_never_a_pending_delivery(TestDatabase database) {
        try (Database db = open(database.newUrl())) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            accept(store, ALIVE, LEASE);
            store.firstTimeSeen("EvOLD" + workspace, workspace, "app_home_opened", ACCEPTED);
            Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
            store.firstTimeSeen("EvNEW" + workspace, workspace, "app_home_opened", tomorrow);

            int purged = store.purge(Instant.now().plusSeconds(5));

            assertEquals(1, purged, "the old event id");
            assertEquals(1, store.backlog().pending(), "a pending delivery is never purged");
            assertTrue(store.firstTimeSeen("EvOLD" + workspace, workspace, "app_home_opened", ACCEPTED),
                    "the old event id is gone");
            assertFalse(store.firstTimeSeen("EvNEW" + workspace, workspace, "app_home_opened", tomorrow),
                    "a recent one stays");
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void on_start_only_an_embedded_file_database_frees_deliveries_held_before_a_restart(TestDatabase database,
                                                                                      @TempDir Path dir) {
        try (Database db = open(database.durableUrl(dir))) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            accept(store, "instance-before-restart", LEASE);

            int released = store.releaseAbandoned(ALIVE);

            if (database.isPostgres()) {
                assertEquals(0, released, "another instance may still be working on it: its lease decides");
                assertEquals(List.of(), store.claim(ALIVE, 10, LEASE));
            } else {
                assertEquals(1, released, "an H2 file is this process's alone");
                assertEquals(1, store.claim(ALIVE, 10, LEASE).size());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void on_start_a_delivery_this_process_accepted_while_its_database_opened_stays_held_by_it(
            TestDatabase database, @TempDir Path dir) {
        try (Database db = open(database.durableUrl(dir))) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            long before = accept(store, "instance-before-restart", LEASE);
            long acceptedNow = accept(store, ALIVE, LEASE);

            int released = store.releaseAbandoned(ALIVE);

            assertEquals(database.isPostgres() ? 0 : 1, released, "only the one held before the restart, if any");
            assertEquals(database.isPostgres() ? List.of() : List.of(before),
                    store.claim(OTHER, 10, LEASE).stream().map(PendingDelivery::id).toList(),
                    "the delivery accepted now is being posted: nobody else may claim it");
            store.finish(acceptedNow, ALIVE); // still held by the process that accepted it
        }
    }
}
