package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.google.protobuf.ByteString;

import io.meshlift.agent.swarm.PiecePicker;
import io.meshlift.core.manifest.ManifestEntry;

/**
 * Fetches the missing chunks of one file, a bounded number at a time, retrying corrupt chunks and
 * unavailable peers, and writes each verified chunk at its offset. The journal is flushed about once
 * a second from the waiting thread, so fsync never sits on the network path.
 */
final class ChunkAssembly {

    private static final int MAX_UNAVAILABLE_ATTEMPTS = 10;

    private final PullContext context;
    private final ManifestEntry entry;
    private final FileChannel part;
    private final ChunkJournal journal;
    private final LongAdder fetched = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ChunkAssembly(PullContext context, ManifestEntry entry, FileChannel part, ChunkJournal journal) {
        this.context = context;
        this.entry = entry;
        this.part = part;
        this.journal = journal;
    }

    long chunksFetched() {
        return fetched.sum();
    }

    void fetchMissing(BitSet have) throws IOException, InterruptedException {
        int window = context.chunksInFlightPerFile();
        Semaphore inFlight = new Semaphore(window);
        PiecePicker picker = picker(have);
        while (failure.get() == null) {
            // A slot first, then the pick: rarity is read as late as possible.
            while (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
                journal.flush(part);
            }
            ChunkSource source = context.client();
            int i = source.swarming() ? picker.nextRarest(c -> source.holders(entry, c)) : picker.nextInOrder();
            if (i < 0) {
                inFlight.release();
                break;
            }
            ChunkSpec spec = new ChunkSpec(
                    context.request().sourceVolume(),
                    context.request().sourcePath().toString(),
                    entry,
                    context.request().layout(),
                    i);
            for (BandwidthLimiter limiter : context.limiters()) {
                limiter.acquire(spec.length());
            }
            fetchWithRetry(spec, 1, 1).whenComplete((bytes, error) -> {
                try {
                    if (error == null) {
                        FileTransfer.write(part, spec.offset(), bytes);
                        journal.recordWritten(spec.index());
                        context.client().verifiedChunk(entry, spec.index());
                        fetched.increment();
                        context.counters().chunkFetched(bytes.size());
                    } else {
                        failure.compareAndSet(null, unwrap(error));
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
        }
        while (!inFlight.tryAcquire(window, 1, TimeUnit.SECONDS)) {
            journal.flush(part);
        }
        journal.flush(part);
        Throwable error = failure.get();
        if (error != null) {
            throw new IOException(error.getMessage(), error);
        }
    }

    /** The chunks still missing, with a random start for rarest-first picks (see {@link PiecePicker}). */
    private PiecePicker picker(BitSet have) {
        int count = entry.chunkCount();
        BitSet missing = new BitSet(count);
        missing.set(0, count);
        missing.andNot(have);
        return new PiecePicker(
                missing, count, count == 0 ? 0 : ThreadLocalRandom.current().nextInt(count));
    }

    private CompletableFuture<ByteString> fetchWithRetry(ChunkSpec spec, int corruptAttempt, int unavailableAttempt) {
        context.counters().chunkRequested();
        return context.client()
                .fetch(spec)
                .whenComplete((bytes, error) -> context.counters().chunkAnswered())
                .handle((bytes, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(bytes);
                    }
                    Throwable cause = unwrap(error);
                    if (cause instanceof ChunkCorruptException corrupt) {
                        context.counters().chunkRejected();
                        context.incidents().corruptChunk(corrupt);
                        if (corruptAttempt < context.chunkAttempts()) {
                            return fetchWithRetry(spec, corruptAttempt + 1, unavailableAttempt);
                        }
                    } else if (cause instanceof ChunkUnavailableException unavailable && unavailable.retryable()) {
                        context.incidents().unavailable(spec, context.client().describe(), cause.getMessage());
                        if (unavailableAttempt < MAX_UNAVAILABLE_ATTEMPTS) {
                            return later(spec, corruptAttempt, unavailableAttempt + 1);
                        }
                    }
                    return CompletableFuture.<ByteString>failedFuture(cause);
                })
                .thenCompose(future -> future);
    }

    private CompletableFuture<ByteString> later(ChunkSpec spec, int corruptAttempt, int unavailableAttempt) {
        CompletableFuture<ByteString> result = new CompletableFuture<>();
        context.scheduler()
                .schedule(
                        () -> fetchWithRetry(spec, corruptAttempt, unavailableAttempt)
                                .whenComplete((bytes, error) -> {
                                    if (error == null) {
                                        result.complete(bytes);
                                    } else {
                                        result.completeExceptionally(unwrap(error));
                                    }
                                }),
                        FileTransfer.backoffMillis(unavailableAttempt),
                        TimeUnit.MILLISECONDS);
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
