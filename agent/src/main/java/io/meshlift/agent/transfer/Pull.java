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

import io.meshlift.agent.swarm.LocalChunks;
import io.meshlift.agent.swarm.ReceivingDataset;
import io.meshlift.core.path.VolumeRoot;

/** One pull's lifecycle: its state, counters and the resources it holds while running. */
final class Pull {

    private static final Logger LOG = Logger.getLogger(Pull.class);
    /** How often each swarm peer is asked which chunks it holds verified. */
    static final long AVAILABILITY_POLL_MILLIS = 500;

    record Limits(int streamsPerPeer, int requestsPerStream, int filesInFlight, int stallTimeoutSeconds) {

        /** What a pull asking for {@code requested} chunk requests in flight gets here. */
        ChunkConcurrency chunks(int requested) {
            return ChunkConcurrency.of(requested, streamsPerPeer, requestsPerStream);
        }
    }

    interface ContextFactory {
        PullContext create(PullRequest request, ChunkSource client, TransferCounters counters, IncidentLog incidents);
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
    /** The swarm members the coordinator listed last; empty with swarming off or outside a coordinator job. */
    private volatile List<SwarmPeer> swarm = List.of();

    private volatile SwarmChunkSource swarmSource;

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

    /** Takes the coordinator's current swarm members; a running pull connects to new ones at once. */
    synchronized void swarm(List<SwarmPeer> peers) {
        swarm = List.copyOf(peers);
        SwarmChunkSource running = swarmSource;
        if (running != null) {
            running.update(swarm);
        }
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

    void run(PeerChannels channels, VolumeRoot volume, ObjectMapper json, LocalChunks local) {
        runner = Thread.currentThread();
        state = PullState.RUNNING;
        ManagedChannel managed = channels.open(request.source());
        Channel channel = ClientInterceptors.intercept(
                managed, new GrantAttacher(() -> grant), new LogContextInterceptor(logContext));
        ExecutorService fileWorkers =
                Executors.newFixedThreadPool(limits.filesInFlight(), logContext.threads(named("pull-" + request.id())));
        ScheduledExecutorService timers =
                Executors.newSingleThreadScheduledExecutor(logContext.threads(named("pull-watchdog")));
        ReceivingDataset held = local.startReceiving(request.volume(), request.path());
        ChunkConcurrency chunks = limits.chunks(request.concurrency());
        try (PeerChunkClient client =
                        new PeerChunkClient(request.source(), channel, chunks, limits.stallTimeoutSeconds(), timers);
                SwarmChunkSource swarmed = swarmSource(client, channels, timers, held);
                ResultLog results = new ResultLog(dir.resolve("files.ndjson"), json)) {
            synchronized (this) {
                swarmSource = swarmed;
                swarmed.update(swarm);
            }
            PullContext context = contexts.create(request, swarmed, counters, incidents);
            job = new PullJob(context, volume, channel, fileWorkers, limits.filesInFlight(), results, listener, dir);
            error = job.run();
            state = error == null ? PullState.SUCCEEDED : PullState.FAILED;
            LOG.infof(
                    "pull %s fetched %d bytes from its source and %d from swarm peers; quarantined: %s",
                    request.id(), swarmed.bytesFromSource(), swarmed.bytesFromPeers(), swarmed.quarantined());
        } catch (InterruptedException e) {
            state = PullState.CANCELLED;
            error = "cancelled";
        } catch (Exception e) {
            LOG.debugf(e, "pull %s failed", request.id());
            state = PullState.FAILED;
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            swarmSource = null;
            local.stopReceiving(request.volume(), request.path(), held);
            fileWorkers.shutdownNow();
            timers.shutdownNow();
            managed.shutdownNow();
            finishedAt = Instant.now();
        }
    }

    private SwarmChunkSource swarmSource(
            PeerChunkClient client, PeerChannels channels, ScheduledExecutorService timers, ReceivingDataset held) {
        return new SwarmChunkSource(
                request.id(),
                client,
                peer -> new SwarmLink(
                        request.id(),
                        peer,
                        channels,
                        limits.streamsPerPeer(),
                        limits.requestsPerStream(),
                        limits.stallTimeoutSeconds(),
                        timers,
                        AVAILABILITY_POLL_MILLIS),
                held,
                new SwarmChunkSource.Events() {
                    @Override
                    public void corruptChunk(ChunkCorruptException corrupt) {
                        counters.chunkRejected();
                        incidents.corruptChunk(corrupt);
                    }

                    @Override
                    public void quarantined(SwarmPeer peer, ChunkCorruptException corrupt) {
                        counters.peerQuarantined();
                        listener.swarmPeerQuarantined(
                                request.id(), peer.endpoint().agentId().toString(), corrupt);
                    }
                },
                limits.streamsPerPeer() * limits.requestsPerStream(),
                request.layout().chunkSize(),
                timers);
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
