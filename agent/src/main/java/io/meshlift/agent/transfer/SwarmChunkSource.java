package io.meshlift.agent.transfer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import com.google.protobuf.ByteString;
import org.jboss.logging.Logger;

import io.meshlift.agent.swarm.PeerSelection;
import io.meshlift.agent.swarm.ReceivingDataset;
import io.meshlift.core.manifest.ManifestEntry;
import io.meshlift.core.pki.AgentId;

/**
 * Fetches a pull's chunks from the swarm and the source. A chunk goes to a swarm peer that announces it
 * verified ({@link PeerSelection}); only a chunk no usable peer holds goes to the source. A peer that
 * fails to serve a chunk it announced is skipped for that chunk; a peer that sends bytes failing
 * verification is quarantined for the rest of the pull and reported. Either way the chunk is asked again
 * elsewhere, ending at the source, whose own failures are the caller's to handle.
 *
 * <p>Also the pull's side of re-sharing: every chunk and file the pull verifies is recorded in the
 * {@link ReceivingDataset} the peer server answers GetAvailability and FetchChunks from.
 */
public final class SwarmChunkSource implements ChunkSource {

    private static final Logger LOG = Logger.getLogger(SwarmChunkSource.class);
    /** How soon a chunk held back from a busy source is looked at again. */
    private static final long SOURCE_BUSY_RECHECK_MILLIS = 50;

    /** Told about peers that sent corrupt chunks. Called on gRPC threads; must be quick. */
    public interface Events {
        /** Every corrupt chunk from a swarm peer (the first one also quarantines the peer). */
        void corruptChunk(ChunkCorruptException corrupt);

        /** Once per peer and pull, with the chunk that got it quarantined. */
        void quarantined(SwarmPeer peer, ChunkCorruptException corrupt);
    }

    private final String pullId;
    private final PeerChunkClient source;
    private final Function<SwarmPeer, SwarmLink> links;
    private final ReceivingDataset held;
    private final Events events;
    private final int requestsPerPeer;
    private final int chunkSize;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger sourceInFlight = new AtomicInteger();
    private final Map<AgentId, SwarmLink> peers = new ConcurrentHashMap<>();
    private final Random random = new Random();
    private final LongAdder bytesFromSource = new LongAdder();
    private final LongAdder bytesFromPeers = new LongAdder();
    private volatile boolean closed;

    SwarmChunkSource(
            String pullId,
            PeerChunkClient source,
            Function<SwarmPeer, SwarmLink> links,
            ReceivingDataset held,
            Events events,
            int requestsPerPeer,
            int chunkSize,
            ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        this.chunkSize = chunkSize;
        this.pullId = pullId;
        this.source = source;
        this.links = links;
        this.held = held;
        this.events = events;
        this.requestsPerPeer = requestsPerPeer;
    }

    /**
     * Takes the coordinator's current member list: new peers are connected, listed ones take their fresh
     * grants, unlisted ones are asked nothing more. A quarantined peer stays quarantined.
     */
    public synchronized void update(List<SwarmPeer> listed) {
        if (closed) {
            return;
        }
        Set<AgentId> ids = new HashSet<>();
        for (SwarmPeer peer : listed) {
            if (peer.endpoint().agentId().equals(source.peer().agentId())) {
                continue; // the source is asked directly
            }
            ids.add(peer.endpoint().agentId());
            SwarmLink link = peers.get(peer.endpoint().agentId());
            if (link == null) {
                peers.put(peer.endpoint().agentId(), links.apply(peer));
                LOG.infof("pull %s: swarm peer %s joined", pullId, peer);
            } else {
                link.refresh(peer);
            }
        }
        peers.forEach((id, link) -> {
            if (!ids.contains(id)) {
                link.retire();
            }
        });
    }

    @Override
    public CompletableFuture<ByteString> fetch(ChunkSpec spec) {
        return fetch(spec, new HashSet<>());
    }

    private CompletableFuture<ByteString> fetch(ChunkSpec spec, Set<AgentId> tried) {
        SwarmLink link = choose(spec, tried);
        if (link == null) {
            if (swarming() && sourceInFlight.get() >= requestsPerPeer) {
                // The source is busy: rather than queue there, look again shortly. By then a peer may
                // announce the chunk, which spares the source's uplink, or a source slot is free.
                return later(spec, tried);
            }
            sourceInFlight.incrementAndGet();
            return source.fetch(spec)
                    .whenComplete((bytes, error) -> sourceInFlight.decrementAndGet())
                    .thenApply(bytes -> {
                        bytesFromSource.add(bytes.size());
                        return bytes;
                    });
        }
        return link.fetch(spec)
                .handle((bytes, error) -> {
                    if (error == null) {
                        bytesFromPeers.add(bytes.size());
                        return CompletableFuture.completedFuture(bytes);
                    }
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ChunkCorruptException corrupt) {
                        events.corruptChunk(corrupt);
                        if (link.quarantine()) {
                            LOG.warnf(
                                    "pull %s: swarm peer %s quarantined: %s failed verification",
                                    pullId, link.peer(), spec);
                            events.quarantined(link.peer(), corrupt);
                        }
                    } else {
                        link.forget(spec.file().path().toString(), spec.index());
                        LOG.debugf("pull %s: swarm peer %s could not serve %s: %s", pullId, link.peer(), spec, cause);
                    }
                    tried.add(link.peer().endpoint().agentId());
                    return fetch(spec, tried);
                })
                .thenCompose(future -> future);
    }

    private CompletableFuture<ByteString> later(ChunkSpec spec, Set<AgentId> tried) {
        CompletableFuture<ByteString> result = new CompletableFuture<>();
        try {
            scheduler.schedule(
                    () -> fetch(spec, tried).whenComplete((bytes, error) -> {
                        if (error == null) {
                            result.complete(bytes);
                        } else {
                            result.completeExceptionally(
                                    error instanceof CompletionException && error.getCause() != null
                                            ? error.getCause()
                                            : error);
                        }
                    }),
                    SOURCE_BUSY_RECHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ChunkUnavailableException("pull stopped", false));
        }
        return result;
    }

    private SwarmLink choose(ChunkSpec spec, Set<AgentId> tried) {
        String path = spec.file().path().toString();
        List<SwarmLink> holders = new ArrayList<>();
        for (SwarmLink link : peers.values()) {
            if (link.usable() && !tried.contains(link.peer().endpoint().agentId()) && link.holds(path, spec.index())) {
                holders.add(link);
            }
        }
        return PeerSelection.choose(holders, SwarmLink::inFlight, requestsPerPeer, random)
                .orElse(null);
    }

    @Override
    public boolean swarming() {
        for (SwarmLink link : peers.values()) {
            if (link.usable()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int holders(ManifestEntry file, int index) {
        String path = file.path().toString();
        int holders = 0;
        for (SwarmLink link : peers.values()) {
            if (link.usable() && link.holds(path, index)) {
                holders++;
            }
        }
        return holders;
    }

    @Override
    public void verifiedChunk(ManifestEntry file, int index) {
        held.chunkVerified(file.path(), file.size(), chunkSize, file.chunkCount(), index);
    }

    @Override
    public void verifiedFile(ManifestEntry file) {
        held.fileComplete(file.path(), file.size(), chunkSize, file.chunkCount());
    }

    long bytesFromSource() {
        return bytesFromSource.sum();
    }

    long bytesFromPeers() {
        return bytesFromPeers.sum();
    }

    /** Peers quarantined so far in this pull. */
    public List<String> quarantined() {
        return peers.values().stream()
                .filter(SwarmLink::quarantined)
                .map(link -> link.peer().endpoint().agentId().toString())
                .sorted()
                .toList();
    }

    @Override
    public String describe() {
        return "the swarm of " + source.describe();
    }

    /** Closes the swarm links; the source client belongs to the pull. */
    @Override
    public synchronized void close() {
        closed = true;
        peers.values().forEach(SwarmLink::close);
    }
}
