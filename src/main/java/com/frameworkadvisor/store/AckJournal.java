package com.frameworkadvisor.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * What an ack and a posted parent promise, appended to a file beside the embedded H2 database, so that H2 can
 * write its own file lazily ({@code WRITE_DELAY}) instead of at every commit.
 *
 * <p>Each entry is written by the commit thread ({@link GroupCommit}) after H2 has committed it in memory and
 * before the ack or the step returns: a write to the operating system's page cache, which a killed process
 * cannot take back. The same commit stores the entry's batch number in H2 ({@code ack_journal.position}), so at
 * the next start {@link JournalReplay} knows which accepted deliveries H2 wrote to its file and which it lost,
 * and stores those again. After H2 has written everything ({@code CHECKPOINT}) the file is emptied.
 *
 * <p>Each entry is framed by its length and a CRC-32: a last entry cut short by a kill (its ack was never sent)
 * ends the reading.
 */
final class AckJournal implements AutoCloseable {
    /** One thing to keep: {@link Accepted} or {@link Step}, in the batch numbered {@code batch}. */
    sealed interface Entry permits Accepted, Step {
        long deliveryId();
    }

    /** A delivery stored before its ack. */
    record Accepted(long deliveryId, String kind, String workspace, String payload, Instant acceptedAt)
            implements Entry {
    }

    /** A delivery's progress: its parent posted, so a resumed delivery never posts it again. */
    record Step(long deliveryId, int stepsDone, Optional<PendingDelivery.PostedMessage> parent) implements Entry {
    }

    /** An entry read back, with the number of the batch whose commit wrote it. */
    record Read(long batch, Entry entry) {
    }

    private static final byte ACCEPTED = 1;
    private static final byte STEP = 2;

    private final Path file;
    private final FileChannel channel;
    private final List<Read> found;
    private long size;
    private long lastBatch;

    private AckJournal(Path file, FileChannel channel, List<Read> found, long size) {
        this.file = file;
        this.channel = channel;
        this.found = found;
        this.size = size;
    }

    /** Opens (or creates) the journal and reads what a previous process left in it. */
    static AckJournal open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(channel.size()));
            while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
                // reads until the buffer is full
            }
            all.flip();
            List<Read> found = new ArrayList<>();
            long valid = readEntries(all, found);
            channel.truncate(valid);
            return new AckJournal(file, channel, found, valid);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Numbers the next batches after {@code batch}, the highest the database or this file has seen. */
    synchronized void numberAfter(long batch) {
        lastBatch = Math.max(lastBatch, batch);
    }

    /** The number of the next batch: each is higher than any before it, across restarts. */
    synchronized long nextBatch() {
        return ++lastBatch;
    }

    /** The entries found at {@link #open}, oldest first. */
    List<Read> found() {
        return found;
    }

    Path file() {
        return file;
    }

    /** The bytes written since the journal was last emptied. */
    synchronized long size() {
        return size;
    }

    /** Appends a batch's entries in one write; returns when the operating system has them. */
    synchronized void append(long batch, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 * entries.size());
        for (Entry entry : entries) {
            byte[] body = body(batch, entry);
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteBuffer frame = ByteBuffer.allocate(8);
            frame.putInt(body.length).putInt((int) crc.getValue());
            bytes.writeBytes(frame.array());
            bytes.writeBytes(body);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        try {
            while (buffer.hasRemaining()) {
                size += channel.write(buffer, size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to " + file, e);
        }
    }

    /** Empties the journal: call only once the database has written every commit to its file. */
    synchronized void empty() throws IOException {
        channel.truncate(0);
        size = 0;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static byte[] body(long batch, Entry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(batch);
            out.writeLong(entry.deliveryId());
            if (entry instanceof Accepted a) {
                out.writeByte(ACCEPTED);
                writeText(out, a.kind());
                writeText(out, a.workspace());
                writeText(out, a.payload());
                out.writeLong(a.acceptedAt().getEpochSecond());
                out.writeInt(a.acceptedAt().getNano());
            } else if (entry instanceof Step s) {
                out.writeByte(STEP);
                out.writeInt(s.stepsDone());
                writeText(out, s.parent().map(PendingDelivery.PostedMessage::channel).orElse(""));
                writeText(out, s.parent().map(PendingDelivery.PostedMessage::ts).orElse(""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads whole, intact entries into {@code found}; returns the length they take. */
    private static long readEntries(ByteBuffer all, List<Read> found) {
        while (all.remaining() >= 8) {
            int start = all.position();
            int length = all.getInt();
            int expected = all.getInt();
            if (length <= 0 || length > all.remaining()) {
                all.position(start);
                break;
            }
            byte[] body = new byte[length];
            all.get(body);
            CRC32 crc = new CRC32();
            crc.update(body);
            if ((int) crc.getValue() != expected) {
                all.position(start);
                break;
            }
            Optional<Read> read = entry(body);
            if (read.isEmpty()) {
                all.position(start);
                break;
            }
            found.add(read.get());
        }
        return all.position();
    }

    /** The entry in {@code body}; empty for one this version cannot read (written by a newer one). */
    private static Optional<Read> entry(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            long batch = in.readLong();
            long id = in.readLong();
            byte type = in.readByte();
            if (type == ACCEPTED) {
                String kind = readText(in);
                String workspace = readText(in);
                String payload = readText(in);
                Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                return Optional.of(new Read(batch, new Accepted(id, kind, workspace, payload, at)));
            }
            if (type == STEP) {
                int steps = in.readInt();
                String channel = readText(in);
                String ts = readText(in);
                return Optional.of(new Read(batch, new Step(id, steps, channel.isEmpty() || ts.isEmpty()
                        ? Optional.empty() : Optional.of(new PendingDelivery.PostedMessage(channel, ts)))));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
