package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.google.protobuf.ByteString;

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
        for (int i = have.nextClearBit(0); i < entry.chunkCount(); i = have.nextClearBit(i + 1)) {
            if (failure.get() != null) {
                break;
            }
            ChunkSpec spec = new ChunkSpec(
                    context.request().sourceVolume(),
                    context.request().sourcePath().toString(),
                    entry,
                    context.request().layout(),
                    i);
            while (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
                journal.flush(part);
            }
            for (BandwidthLimiter limiter : context.limiters()) {
                limiter.acquire(spec.length());
            }
            fetchWithRetry(spec, 1, 1).whenComplete((bytes, error) -> {
                try {
                    if (error == null) {
                        FileTransfer.write(part, spec.offset(), bytes);
                        journal.recordWritten(spec.index());
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
                        context.incidents()
                                .unavailable(spec, context.client().peer().toString(), cause.getMessage());
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
