package io.meshlift.agent.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Things that went wrong but were handled (a corrupt chunk re-fetched, a stream re-opened), kept for
 * the pull's report. Bounded: the first {@link #MAX_KEPT} are kept, all are counted and logged.
 */
public final class IncidentLog {

    public static final int MAX_KEPT = 200;
    private static final Logger LOG = Logger.getLogger(IncidentLog.class);

    public record Incident(Instant at, String kind, String peer, String path, int chunkIndex, String detail) {}

    private final String pullId;
    private final List<Incident> kept = new ArrayList<>();
    private long count;

    IncidentLog(String pullId) {
        this.pullId = pullId;
    }

    void corruptChunk(ChunkCorruptException e) {
        add(new Incident(Instant.now(), "CORRUPT_CHUNK", e.peer(), e.path(), e.chunkIndex(), e.getMessage()));
        LOG.warnf("pull %s: %s; chunk discarded and fetched again", pullId, e.getMessage());
    }

    void unavailable(ChunkSpec spec, String peer, String detail) {
        add(new Incident(Instant.now(), "UNAVAILABLE", peer, spec.file().path().toString(), spec.index(), detail));
        LOG.debugf("pull %s: %s unavailable from %s: %s", pullId, spec, peer, detail);
    }

    private synchronized void add(Incident incident) {
        count++;
        if (kept.size() < MAX_KEPT) {
            kept.add(incident);
        }
    }

    public synchronized List<Incident> kept() {
        return List.copyOf(kept);
    }

    public synchronized long count() {
        return count;
    }
}
