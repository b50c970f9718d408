package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

import io.meshlift.core.manifest.ManifestEntry;

/**
 * Durable list of the chunks of a partial file that are verified and on disk. An index is appended
 * only after the part file has been fsynced, so after any crash every journaled chunk is really
 * there. The header names the file version (digest, size, chunk size); a journal for another
 * version is discarded.
 */
final class ChunkJournal implements AutoCloseable {

    private static final int HEADER_BYTES = 64;

    /**
     * Files with fewer chunks than this keep no journal: re-hashing their partial file on resume
     * costs less than the journal's fsyncs on every run.
     */
    static final int MIN_CHUNKS_FOR_JOURNAL = 16;

    private final FileChannel channel;
    private final BitSet durable;
    private final BitSet unflushed = new BitSet();

    private ChunkJournal(FileChannel channel, BitSet durable) {
        this.channel = channel;
        this.durable = durable;
    }

    /** A journal that records nothing durable; resume then relies on re-hashing the part file. */
    static ChunkJournal disabled(ManifestEntry file) {
        return new ChunkJournal(null, new BitSet(file.chunkCount()));
    }

    static ChunkJournal open(Path journal, ManifestEntry file, int chunkSize) throws IOException {
        if (file.chunkCount() < MIN_CHUNKS_FOR_JOURNAL) {
            Files.deleteIfExists(journal);
            return disabled(file);
        }
        byte[] header = header(file, chunkSize);
        if (Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
            byte[] existing = Files.readAllBytes(journal);
            if (existing.length >= HEADER_BYTES
                    && ByteBuffer.wrap(existing, 0, HEADER_BYTES).equals(ByteBuffer.wrap(header))) {
                BitSet durable = new BitSet(file.chunkCount());
                ByteBuffer entries = ByteBuffer.wrap(existing, HEADER_BYTES, existing.length - HEADER_BYTES);
                while (entries.remaining() >= Integer.BYTES) {
                    int index = entries.getInt();
                    if (index >= 0 && index < file.chunkCount()) {
                        durable.set(index);
                    }
                }
                // A crash can leave half an entry at the end: cut it off before appending.
                long complete = HEADER_BYTES + (existing.length - HEADER_BYTES) / Integer.BYTES * (long) Integer.BYTES;
                FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                channel.truncate(complete);
                channel.position(complete);
                return new ChunkJournal(channel, durable);
            }
            Files.delete(journal);
        }
        FileChannel channel = FileChannel.open(
                journal, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        channel.write(ByteBuffer.wrap(header));
        channel.force(true);
        return new ChunkJournal(channel, new BitSet(file.chunkCount()));
    }

    private static byte[] header(ManifestEntry file, int chunkSize) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put("MLJ1".getBytes(StandardCharsets.US_ASCII));
        header.putLong(file.size());
        header.putInt(chunkSize);
        header.put(file.fileDigest());
        return header.array();
    }

    /** Chunks known durable from an earlier run (or flushed in this one). */
    synchronized BitSet durable() {
        return (BitSet) durable.clone();
    }

    synchronized void recordWritten(int index) {
        unflushed.set(index);
    }

    /** Fsyncs the part file, then appends and fsyncs the indices written since the last flush. */
    void flush(FileChannel part) throws IOException {
        BitSet batch;
        synchronized (this) {
            if (channel == null) {
                unflushed.clear();
                return;
            }
            if (unflushed.isEmpty()) {
                return;
            }
            batch = (BitSet) unflushed.clone();
            unflushed.clear();
        }
        part.force(false);
        ByteBuffer entries = ByteBuffer.allocate(batch.cardinality() * Integer.BYTES);
        batch.stream().forEach(entries::putInt);
        entries.flip();
        synchronized (this) {
            while (entries.hasRemaining()) {
                channel.write(entries);
            }
            channel.force(false);
            durable.or(batch);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
