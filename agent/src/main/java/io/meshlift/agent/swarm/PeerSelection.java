package io.meshlift.agent.swarm;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Which swarm peer a chunk is asked from, among the peers that announce it verified.
 *
 * <p>The least busy holder with a free request slot (below {@code cap} requests in flight) wins, ties
 * broken at random so that equal peers share the load. When every holder is at its cap the least busy one
 * still gets the request, queued behind the others: once a chunk has spread, waiting for a peer spares
 * the source's uplink, which is the scarce resource of a fan-out. Only a chunk no peer holds goes to the
 * source (the caller's fallback when this returns empty).
 */
public final class PeerSelection {

    private PeerSelection() {}

    /**
     * @param holders peers that hold the chunk and may be asked (not quarantined, not already tried for it)
     * @param inFlight requests a peer has in flight now
     * @param cap requests in flight per peer before it counts as busy
     * @return the peer to ask, or empty when no peer holds the chunk
     */
    public static <P> Optional<P> choose(List<P> holders, ToIntFunction<P> inFlight, int cap, Random random) {
        P best = null;
        int bestLoad = Integer.MAX_VALUE;
        int ties = 0;
        for (P peer : holders) {
            int load = inFlight.applyAsInt(peer);
            if (load < bestLoad) {
                best = peer;
                bestLoad = load;
                ties = 1;
            } else if (load == bestLoad && random.nextInt(++ties) == 0) {
                best = peer; // reservoir sampling: each tied peer equally likely
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a peer with {@code inFlight} requests has a free slot under {@code cap}. */
    public static boolean hasFreeSlot(int inFlight, int cap) {
        return inFlight < cap;
    }
}
