package com.frameworkadvisor.store;

import com.frameworkadvisor.store.AckJournal.Accepted;
import com.frameworkadvisor.store.AckJournal.Read;
import com.frameworkadvisor.store.AckJournal.Step;
import com.frameworkadvisor.store.PendingDelivery.PostedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The journal file on its own: what is appended is read back whole, and a last entry cut short is left out. */
class AckJournalTest {
    private static final Accepted FIRST = new Accepted(7, "decision", "T0A", "{\"text\":\"Déjà vu 🐍\"}",
            Instant.parse("2026-12-02T10:00:00.123456789Z"));
    private static final Accepted SECOND = new Accepted(8, "uninstall", "T0B", "{}",
            Instant.parse("2026-12-02T10:00:01Z"));
    private static final Step POSTED = new Step(7, 1, Optional.of(new PostedMessage("C0A", "1700000000.000100")));
    private static final Step WITHOUT_PARENT = new Step(8, 2, Optional.empty());

    @TempDir
    Path dir;

    /** A journal holding {@code FIRST} in batch 1 and {@code SECOND} in batch 2. */
    private Path twoBatches() throws IOException {
        Path file = dir.resolve("advisor.acks");
        try (AckJournal journal = AckJournal.open(file)) {
            journal.append(1, List.of(FIRST));
            journal.append(2, List.of(SECOND));
        }
        return file;
    }

    @Test
    void entries_are_read_back_in_order_with_their_batch_numbers() throws IOException {
        Path file = dir.resolve("advisor.acks");
        try (AckJournal journal = AckJournal.open(file)) {
            journal.append(1, List.of(FIRST, SECOND));
            journal.append(2, List.of(POSTED, WITHOUT_PARENT));
        }
        try (AckJournal journal = AckJournal.open(file)) {
            assertEquals(List.of(new Read(1, FIRST), new Read(1, SECOND), new Read(2, POSTED),
                    new Read(2, WITHOUT_PARENT)), journal.found());
        }
    }

    @Test
    void a_last_entry_cut_short_by_a_kill_is_left_out_and_written_over() throws IOException {
        Path file = twoBatches();
        long whole = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(whole - 3);
        }
        try (AckJournal journal = AckJournal.open(file)) {
            assertEquals(List.of(new Read(1, FIRST)), journal.found());
            journal.append(3, List.of(POSTED));
        }
        try (AckJournal journal = AckJournal.open(file)) {
            assertEquals(List.of(new Read(1, FIRST), new Read(3, POSTED)), journal.found());
        }
    }

    @Test
    void reading_stops_at_an_entry_whose_checksum_does_not_match() throws IOException {
        Path file = twoBatches();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 0x55;
        Files.write(file, bytes);

        try (AckJournal journal = AckJournal.open(file)) {
            assertEquals(List.of(new Read(1, FIRST)), journal.found());
        }
    }

    @Test
    void emptying_leaves_nothing_to_read_and_batches_keep_counting_up() throws IOException {
        Path file = dir.resolve("advisor.acks");
        try (AckJournal journal = AckJournal.open(file)) {
            journal.numberAfter(41);
            journal.append(journal.nextBatch(), List.of(FIRST));
            journal.empty();
            assertEquals(0, journal.size());
            assertEquals(43, journal.nextBatch());
        }
        assertEquals(0, Files.size(file));
        try (AckJournal journal = AckJournal.open(file)) {
            assertEquals(List.of(), journal.found());
        }
    }
}
