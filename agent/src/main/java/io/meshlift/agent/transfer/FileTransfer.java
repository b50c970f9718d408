package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import org.jboss.logging.Logger;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.FileDigests;
import io.meshlift.core.manifest.FileHasher;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.manifest.ManifestEntry;
import io.meshlift.core.manifest.PartialFiles;

/**
 * Brings one file of a pull to its verified state at the destination.
 *
 * <p>Order of work, each step safe to interrupt at any moment: reuse chunks already in a partial file
 * (journaled ones trusted, others re-hashed), reuse chunks of an older version of the file, fetch
 * the rest (each verified before it is written), fsync, verify ({@code full}: re-read and compare the
 * whole-file SHA-256), set mode and mtime, drop the journal, rename atomically over the target and
 * fsync the directory. A file never appears under its final name before all of that holds.
 */
final class FileTransfer {

    private static final Logger LOG = Logger.getLogger(FileTransfer.class);

    private final PullContext context;
    private final ManifestEntry entry;
    private final Path target;
    private long chunksReused;

    FileTransfer(PullContext context, ManifestEntry entry, Path target) {
        this.context = context;
        this.entry = entry;
        this.target = target;
    }

    FileResult run() throws InterruptedException {
        try {
            try {
                return transfer(true);
            } catch (ReusedDataMismatchException e) {
                // The older local version was not what the hash cache said (changed behind its back);
                // start over from the peer alone.
                LOG.warnf(
                        "pull %s: %s; copying '%s' again without local reuse",
                        context.request().id(), e.getMessage(), entry.path());
                chunksReused = 0;
                return transfer(false);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            context.counters().filesFailed.increment();
            LOG.warnf("pull %s: file '%s' failed: %s", context.request().id(), entry.path(), e.getMessage());
            return new FileResult(
                    entry.path().toString(),
                    entry.size(),
                    Sha256.hex(entry.fileDigest()),
                    null,
                    FileResult.Outcome.FAILED,
                    context.agentId(),
                    Instant.now(),
                    0,
                    0,
                    e.getMessage());
        }
    }

    private FileResult transfer(boolean allowReuse) throws IOException, InterruptedException {
        Optional<FileStat> existing = LocalFiles.stat(target);
        if (existing.isPresent() && existing.get().type() == EntryType.DIRECTORY) {
            throw new IOException("the destination has a directory where the source has a file: " + target);
        }
        Optional<FileDigests> old = existing.isPresent() && existing.get().type() == EntryType.FILE
                ? context.localFiles().digestsOf(target, context.request().layout())
                : Optional.empty();
        if (old.isPresent() && Arrays.equals(old.get().fileDigest(), entry.fileDigest())) {
            return unchanged(existing.get(), old.get());
        }
        Path directory = target.getParent();
        String name = target.getFileName().toString();
        Path part = directory.resolve(PartialFiles.partName(name));
        Path journalPath = directory.resolve(PartialFiles.journalName(name));
        if (!Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
            // A journal without its part file describes data that is gone.
            Files.deleteIfExists(journalPath);
        }
        ChunkAssembly assembly;
        boolean verified;
        try (ChunkJournal journal = ChunkJournal.open(
                        journalPath, entry, context.request().layout().chunkSize());
                FileChannel partChannel = FileChannel.open(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
            BitSet have = journal.durable();
            context.counters().chunksResumed.add(have.cardinality());
            recoverUnjournaled(partChannel, have, journal);
            if (allowReuse && old.isPresent()) {
                reuseFromOlderVersion(old.get(), partChannel, have, journal);
            }
            assembly = new ChunkAssembly(context, entry, partChannel, journal);
            assembly.fetchMissing(have);
            partChannel.truncate(entry.size());
            partChannel.force(true);
            verified = verify(partChannel);
        }
        if (!verified) {
            // Never keep (or resume from) bytes that failed the whole-file check.
            Files.deleteIfExists(journalPath);
            Files.deleteIfExists(part);
            if (chunksReused > 0) {
                throw new ReusedDataMismatchException("assembled file '" + entry.path()
                        + "' failed whole-file verification after reusing " + chunksReused + " local chunks");
            }
            throw new IOException("assembled file '" + entry.path() + "' failed whole-file verification against sha256 "
                    + Sha256.hex(entry.fileDigest()) + "; partial data discarded");
        }
        LocalFiles.setMode(part, entry.mode());
        LocalFiles.setMtime(part, entry.mtimeNanos());
        Files.deleteIfExists(journalPath);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        context.directorySyncs().sync(directory);
        context.localFiles()
                .remember(
                        target,
                        context.request().layout(),
                        new FileDigests(
                                context.request().layout().chunkSize(), entry.chunkDigests(), entry.fileDigest()));
        return done(FileResult.Outcome.COPIED, entry.fileDigest(), assembly.chunksFetched());
    }

    private FileResult unchanged(FileStat stat, FileDigests digests) throws IOException {
        boolean touched = false;
        if (stat.mode() != entry.mode()) {
            LocalFiles.setMode(target, entry.mode());
            touched = true;
        }
        if (stat.mtimeNanos() != entry.mtimeNanos()) {
            LocalFiles.setMtime(target, entry.mtimeNanos());
            touched = true;
        }
        if (touched) {
            context.localFiles().remember(target, context.request().layout(), digests);
        }
        context.counters().filesUnchanged.increment();
        return done(FileResult.Outcome.UNCHANGED, digests.fileDigest(), 0);
    }

    private FileResult done(FileResult.Outcome outcome, byte[] destinationDigest, long chunksFetched) {
        context.counters().fileDone(entry.size());
        return new FileResult(
                entry.path().toString(),
                entry.size(),
                Sha256.hex(entry.fileDigest()),
                Sha256.hex(destinationDigest),
                outcome,
                context.agentId(),
                Instant.now(),
                chunksFetched,
                chunksReused,
                null);
    }

    /** Chunks written by an interrupted run after its last journal flush: kept if they hash right. */
    private void recoverUnjournaled(FileChannel part, BitSet have, ChunkJournal journal) throws IOException {
        long partSize = part.size();
        for (int i = 0; i < entry.chunkCount(); i++) {
            if (have.get(i)) {
                continue;
            }
            long offset = context.request().layout().offset(i);
            int length = context.request().layout().length(entry.size(), i);
            if (offset + length > partSize) {
                continue;
            }
            byte[] bytes = read(part, offset, length);
            if (entry.chunkDigestEquals(i, Sha256.of(bytes))) {
                have.set(i);
                journal.recordWritten(i);
                context.counters().chunksResumed.increment();
            }
        }
        journal.flush(part);
    }

    /** Chunks the older local version of the file already has, wherever they sit in it. */
    private void reuseFromOlderVersion(FileDigests old, FileChannel part, BitSet have, ChunkJournal journal)
            throws IOException {
        Map<ByteBuffer, Integer> oldChunks = new HashMap<>();
        byte[] oldDigests = old.chunkDigests();
        for (int j = 0; j < oldDigests.length / Sha256.LENGTH; j++) {
            oldChunks.putIfAbsent(ByteBuffer.wrap(oldDigests, j * Sha256.LENGTH, Sha256.LENGTH), j);
        }
        try (FileChannel oldChannel = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long oldSize = oldChannel.size();
            for (int i = 0; i < entry.chunkCount(); i++) {
                if (have.get(i)) {
                    continue;
                }
                Integer j = oldChunks.get(ByteBuffer.wrap(entry.chunkDigest(i)));
                if (j == null) {
                    continue;
                }
                int length = context.request().layout().length(entry.size(), i);
                long oldOffset = context.request().layout().offset(j);
                if (oldOffset + length > oldSize) {
                    continue;
                }
                if (context.request().verify() == VerifyMode.FULL) {
                    // The whole-file check after assembly covers these bytes; copy them in the kernel.
                    copy(
                            oldChannel,
                            oldOffset,
                            length,
                            part,
                            context.request().layout().offset(i));
                } else {
                    byte[] bytes = read(oldChannel, oldOffset, length);
                    if (!entry.chunkDigestEquals(i, Sha256.of(bytes))) {
                        continue;
                    }
                    write(part, context.request().layout().offset(i), bytes);
                }
                have.set(i);
                journal.recordWritten(i);
                chunksReused++;
                context.counters().chunksReused.increment();
                context.counters().bytesReused.add(length);
            }
        }
        journal.flush(part);
    }

    private boolean verify(FileChannel part) throws IOException {
        if (context.request().verify() != VerifyMode.FULL) {
            return true;
        }
        return Arrays.equals(FileHasher.wholeFileDigest(part), entry.fileDigest());
    }

    private void copy(FileChannel from, long fromOffset, int length, FileChannel to, long toOffset) throws IOException {
        to.position(toOffset);
        long copied = 0;
        while (copied < length) {
            long n = from.transferTo(fromOffset + copied, length - copied, to);
            if (n <= 0) {
                throw new IOException("older version of '" + entry.path() + "' ended while reusing its chunks");
            }
            copied += n;
        }
    }

    static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.array();
    }

    static void write(FileChannel channel, long offset, byte[] bytes) throws IOException {
        write(channel, offset, ByteBuffer.wrap(bytes));
    }

    static void write(FileChannel channel, long offset, ByteString bytes) throws IOException {
        long position = offset;
        for (ByteBuffer buffer : bytes.asReadOnlyByteBufferList()) {
            int length = buffer.remaining();
            write(channel, position, buffer);
            position += length;
        }
    }

    private static void write(FileChannel channel, long offset, ByteBuffer buffer) throws IOException {
        long start = offset - buffer.position();
        while (buffer.hasRemaining()) {
            channel.write(buffer, start + buffer.position());
        }
    }

    static long backoffMillis(int attempt) {
        return Math.min(TimeUnit.SECONDS.toMillis(5), 100L << Math.min(attempt, 6));
    }

    /** Whole-file verification failed on a file assembled partly from its older local version. */
    private static final class ReusedDataMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        ReusedDataMismatchException(String message) {
            super(message);
        }
    }
}
