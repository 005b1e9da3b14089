package com.frameworkadvisor.store;

import com.frameworkadvisor.store.PendingDelivery.PostedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded database and its journal across a kill: what H2 had not yet written is stored again from the
 * journal, and what it had written (or finished) is not stored twice. A kill is shown by copying the files of an
 * open database, which is what a killed process leaves on disk.
 */
class JournalReplayTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant ACCEPTED = Instant.parse("2026-12-02T10:00:00Z");
    private static final String OWNER = "instance-killed";
    private static final PostedMessage PARENT = new PostedMessage("C0REPLAY", "1700000000.000100");
    /** H2 keeps its commits in memory for an hour here, unless told to write them. */
    private static final String LAZY = ";WRITE_DELAY=3600000";

    @TempDir
    Path dir;

    private static Database open(Path file, String settings) {
        return Database.open(DatabaseUrl.parse(Optional.of("jdbc:h2:file:" + file.toAbsolutePath() + settings)));
    }

    private static void writeNow(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            JournalReplay.checkpoint(c);
        }
    }

    /** What a process killed now leaves: the database file as H2 last wrote it, and the journal. */
    private void copyAsKilled(Path from, Path to, boolean withJournal) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(Path.of(from + ".mv.db"), Path.of(to + ".mv.db"));
        if (withJournal) {
            Files.copy(Path.of(from + ".acks"), Path.of(to + ".acks"));
        }
    }

    /** What the app does before it is killed, on a database that writes its file only when told to. */
    private interface BeforeTheKill {
        void run(Database db, JdbcDeliveryStore store) throws Exception;
    }

    /** Runs {@code before} on a lazy database and returns the path of what a kill right after leaves. */
    private Path killedAfter(BeforeTheKill before) throws Exception {
        Path running = dir.resolve("running/advisor");
        Path killed = dir.resolve("killed/advisor");
        try (Database db = open(running, LAZY)) {
            before.run(db, new JdbcDeliveryStore(db));
            copyAsKilled(running, killed, true);
        }
        return killed;
    }

    private static List<PendingDelivery> claimAll(Database db) {
        JdbcDeliveryStore store = new JdbcDeliveryStore(db);
        store.releaseAbandoned("instance-restarted");
        return store.claim("instance-restarted", 100, LEASE);
    }

    @Test
    void an_accepted_delivery_h2_had_not_written_is_stored_again_with_its_parent() throws Exception {
        Path running = dir.resolve("running/advisor");
        Path killed = dir.resolve("killed/advisor");
        Path killedWithoutJournal = dir.resolve("without-journal/advisor");
        long id;
        try (Database db = open(running, LAZY)) {
            JdbcDeliveryStore store = new JdbcDeliveryStore(db);
            writeNow(db);
            id = store.accept("decision", "T0REPLAY", "{\"n\":1}", ACCEPTED, OWNER, LEASE);
            store.recordStep(id, OWNER, 1, Optional.of(PARENT));
            copyAsKilled(running, killed, true);
            copyAsKilled(running, killedWithoutJournal, false);
        }

        try (Database db = open(killedWithoutJournal, "")) {
            assertEquals(List.of(), claimAll(db), "H2 alone lost it: the journal is what keeps it");
        }
        try (Database db = open(killed, "")) {
            List<PendingDelivery> resumed = claimAll(db);
            assertEquals(1, resumed.size(), "stored again from the journal");
            PendingDelivery delivery = resumed.get(0);
            assertEquals("decision", delivery.kind());
            assertEquals("{\"n\":1}", delivery.payload());
            assertEquals(ACCEPTED, delivery.acceptedAt());
            assertEquals(1, delivery.stepsDone());
            assertEquals(Optional.of(PARENT), delivery.parent(), "its parent is not posted again");
        }
        assertEquals(0, Files.size(Path.of(killed + ".acks")), "emptied once H2 wrote what it replayed");
    }

    @Test
    void a_delivery_h2_had_written_is_not_stored_twice_and_gets_the_step_h2_lost() throws Exception {
        Path killed = killedAfter((db, store) -> {
            long id = store.accept("decision", "T0REPLAY", "{\"n\":2}", ACCEPTED, OWNER, LEASE);
            writeNow(db);
            store.recordStep(id, OWNER, 1, Optional.of(PARENT));
        });

        try (Database db = open(killed, "")) {
            List<PendingDelivery> resumed = claimAll(db);
            assertEquals(1, resumed.size(), "once, though both H2 and the journal have it");
            assertEquals(Optional.of(PARENT), resumed.get(0).parent(), "the step H2 lost, from the journal");
        }
    }

    @Test
    void a_delivery_finished_before_the_kill_is_not_brought_back() throws Exception {
        Path killed = killedAfter((db, store) -> {
            long id = store.accept("decision", "T0REPLAY", "{\"n\":3}", ACCEPTED, OWNER, LEASE);
            store.recordStep(id, OWNER, 1, Optional.of(PARENT));
            store.finish(id, OWNER);
            writeNow(db);
        });

        try (Database db = open(killed, "")) {
            assertEquals(List.of(), claimAll(db));
        }
    }

    @Test
    void opening_twice_after_a_kill_stores_it_once() throws Exception {
        Path killed = killedAfter((db, store) -> {
            writeNow(db);
            store.accept("decision", "T0REPLAY", "{\"n\":4}", ACCEPTED, OWNER, LEASE);
        });
        Path journal = Path.of(killed + ".acks");
        byte[] leftByTheKill = Files.readAllBytes(journal);
        try (Database db = open(killed, "")) {
            assertEquals(1, new JdbcDeliveryStore(db).backlog().pending());
        }
        // As if this start were killed after H2 wrote the replay, before the journal was emptied.
        Files.write(journal, leftByTheKill);
        try (Database db = open(killed, "")) {
            assertEquals(1, new JdbcDeliveryStore(db).backlog().pending());
        }
        assertTrue(Files.exists(journal));
    }

    @Test
    void an_installation_and_a_used_install_state_are_on_disk_when_the_call_returns() throws Exception {
        Path killed = killedAfter((db, store) -> {
            writeNow(db);
            new JdbcInstallations(db, new TokenCipher(InstallationStoresTest.KEY), Clock.systemUTC())
                    .save(InstallationStoresTest.workspace("T0REPLAY", "xoxb-installed-just-now"));
            JdbcOAuthStates states = new JdbcOAuthStates(db, Clock.systemUTC());
            states.add("state-used", Duration.ofMinutes(10));
            states.add("state-issued", Duration.ofMinutes(10));
            assertTrue(states.consume("state-used"));
        });

        try (Database db = open(killed, "")) {
            assertEquals("xoxb-installed-just-now", new JdbcInstallations(db,
                    new TokenCipher(InstallationStoresTest.KEY), Clock.systemUTC())
                    .find(Optional.empty(), Optional.of("T0REPLAY")).orElseThrow().botToken());
            JdbcOAuthStates states = new JdbcOAuthStates(db, Clock.systemUTC());
            assertFalse(states.consume("state-used"), "used once, even across a kill");
            assertTrue(states.consume("state-issued"));
        }
    }
}
