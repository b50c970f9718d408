package io.meshlift.agent.transfer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import org.jboss.logging.Logger;

import io.meshlift.core.path.VolumeRoot;

/** One pull's lifecycle: its state, counters and the resources it holds while running. */
final class Pull {

    private static final Logger LOG = Logger.getLogger(Pull.class);

    record Limits(int streamsPerPeer, int requestsPerStream, int filesInFlight, int stallTimeoutSeconds) {

        /** What a pull asking for {@code requested} chunk requests in flight gets here. */
        ChunkConcurrency chunks(int requested) {
            return ChunkConcurrency.of(requested, streamsPerPeer, requestsPerStream);
        }
    }

    interface ContextFactory {
        PullContext create(
                PullRequest request, PeerChunkClient client, TransferCounters counters, IncidentLog incidents);
    }

    private final PullRequest request;
    private final Path dir;
    private final ContextFactory contexts;
    private final Limits limits;
    private final PullListener listener;
    private final TransferCounters counters;
    private final PullLogContext logContext;
    private final IncidentLog incidents;
    private final Instant startedAt = Instant.now();
    private volatile PullState state = PullState.QUEUED;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile PullJob job;
    private volatile Thread runner;
    private volatile boolean cancelledByOperator;
    /** The encoded grant sent with every peer call; replaced when the coordinator sends a fresh one. */
    private volatile byte[] grant;

    Pull(
            PullRequest request,
            Path dir,
            ContextFactory contexts,
            Limits limits,
            PullListener listener,
            byte[] grant,
            TransferMetrics metrics) {
        this.request = request;
        this.grant = grant.clone();
        this.counters = new TransferCounters(metrics);
        this.logContext = PullLogContext.of(request.id(), grant);
        this.listener = listener;
        this.dir = dir;
        this.contexts = contexts;
        this.limits = limits;
        this.incidents = new IncidentLog(request.id());
    }

    /** Takes a fresh grant for the calls started from now on (streams already open keep theirs). */
    void grant(byte[] fresh) {
        grant = fresh.clone();
    }

    boolean cancelledByOperator() {
        return cancelledByOperator;
    }

    PullRequest request() {
        return request;
    }

    /** The MDC of this pull's log lines, on whichever thread they are written. */
    PullLogContext logContext() {
        return logContext;
    }

    Path dir() {
        return dir;
    }

    void run(PeerChannels channels, VolumeRoot volume, ObjectMapper json) {
        runner = Thread.currentThread();
        state = PullState.RUNNING;
        ManagedChannel managed = channels.open(request.source());
        Channel channel = ClientInterceptors.intercept(
                managed, new GrantAttacher(() -> grant), new LogContextInterceptor(logContext));
        ExecutorService fileWorkers =
                Executors.newFixedThreadPool(limits.filesInFlight(), logContext.threads(named("pull-" + request.id())));
        ScheduledExecutorService timers =
                Executors.newSingleThreadScheduledExecutor(logContext.threads(named("pull-watchdog")));
        ChunkConcurrency chunks = limits.chunks(request.concurrency());
        try (PeerChunkClient client =
                        new PeerChunkClient(request.source(), channel, chunks, limits.stallTimeoutSeconds(), timers);
                ResultLog results = new ResultLog(dir.resolve("files.ndjson"), json)) {
            PullContext context = contexts.create(request, client, counters, incidents);
            job = new PullJob(context, volume, channel, fileWorkers, limits.filesInFlight(), results, listener, dir);
            error = job.run();
            state = error == null ? PullState.SUCCEEDED : PullState.FAILED;
        } catch (InterruptedException e) {
            state = PullState.CANCELLED;
            error = "cancelled";
        } catch (Exception e) {
            LOG.debugf(e, "pull %s failed", request.id());
            state = PullState.FAILED;
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            fileWorkers.shutdownNow();
            timers.shutdownNow();
            managed.shutdownNow();
            finishedAt = Instant.now();
        }
    }

    /** @param byOperator an operator's cancel is final; a shutdown's is resumed at the next start */
    void cancel(boolean byOperator) {
        cancelledByOperator = byOperator;
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    PullProgress progress() {
        PullJob current = job;
        return new PullProgress(
                request.id(),
                state,
                request.source() + ":" + request.sourceVolume() + ":" + request.sourcePath(),
                request.volume() + ":" + request.path(),
                startedAt,
                finishedAt,
                current != null && current.manifestComplete,
                current == null ? 0 : current.filesListed,
                current == null ? 0 : current.bytesListed,
                counters.filesDone(),
                counters.filesUnchanged(),
                counters.filesFailed(),
                counters.bytesDone(),
                counters.chunksFetched(),
                counters.bytesFetched(),
                counters.chunksReused(),
                counters.bytesReused(),
                counters.chunksResumed(),
                counters.chunksRejected(),
                current == null ? 0 : current.entriesDeleted,
                current == null ? null : current.sourceDatasetDigest,
                current == null ? null : current.destinationDatasetDigest,
                current == null ? List.of() : current.skipped,
                incidents.count(),
                incidents.kept(),
                error,
                state == PullState.QUEUED
                        ? 0
                        : limits.chunks(request.concurrency()).total());
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "meshlift-" + prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
