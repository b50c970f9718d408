package io.meshlift.agent.swarm;

import java.util.BitSet;
import java.util.function.IntUnaryOperator;

/**
 * Chooses which missing chunk of a file to fetch next.
 *
 * <p>Without swarm peers it goes in file order, which keeps writes sequential. With them it picks the
 * rarest chunk: the one the fewest peers hold (the source, which holds all, is not counted), scanning
 * from a random start so that destinations starting together ask the source for different chunks and
 * have something to trade at once. Ties go to the first chunk met from the start, so a destination works
 * through one region while no other information separates chunks. Rarity is read at each pick, so it
 * follows the availability the peers announce. Not thread safe: one file's fetch loop owns it.
 */
public final class PiecePicker {

    private final BitSet missing;
    private final int count;
    private final int start;

    /**
     * @param missing the chunks still to fetch (copied)
     * @param count the file's number of chunks
     * @param start where a rarest-first scan begins, 0 &lt;= start &lt; max(count, 1)
     */
    public PiecePicker(BitSet missing, int count, int start) {
        if (count < 0 || start < 0 || (count > 0 && start >= count)) {
            throw new IllegalArgumentException("start " + start + " is outside a file of " + count + " chunks");
        }
        this.missing = (BitSet) missing.clone();
        this.missing.clear(count, Math.max(count, this.missing.length()));
        this.count = count;
        this.start = start;
    }

    public boolean done() {
        return missing.isEmpty();
    }

    /** The next chunk in file order; -1 when none is missing. */
    public int nextInOrder() {
        int next = missing.nextSetBit(0);
        if (next >= 0) {
            missing.clear(next);
        }
        return next;
    }

    /**
     * The missing chunk held by the fewest peers, ties to the first from the random start; -1 when none is
     * missing.
     *
     * @param holders how many peers hold chunk i (0 when only the source does)
     */
    public int nextRarest(IntUnaryOperator holders) {
        int best = -1;
        int bestHolders = Integer.MAX_VALUE;
        for (int i = missing.nextSetBit(start); i >= 0 && bestHolders > 0; i = missing.nextSetBit(i + 1)) {
            int n = holders.applyAsInt(i);
            if (n < bestHolders) {
                best = i;
                bestHolders = n;
            }
        }
        for (int i = missing.nextSetBit(0); i >= 0 && i < start && bestHolders > 0; i = missing.nextSetBit(i + 1)) {
            int n = holders.applyAsInt(i);
            if (n < bestHolders) {
                best = i;
                bestHolders = n;
            }
        }
        if (best >= 0) {
            missing.clear(best);
        }
        return best;
    }

    int count() {
        return count;
    }
}
