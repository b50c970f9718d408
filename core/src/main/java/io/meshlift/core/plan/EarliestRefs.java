package io.meshlift.core.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.meshlift.core.plan.EndpointOverlaps.Ref;

/**
 * The earliest endpoints (in source order) of a growing set, kept in three slots: enough to answer "the earliest
 * one other than this endpoint" and "the earliest one of another dataset than this", which are the only
 * questions {@link EndpointOverlaps} asks, in constant space however large the set grows.
 */
final class EarliestRefs {

    private final boolean sources;
    private Ref first;
    private Ref second;
    private Ref firstOfOtherDataset; // the earliest whose dataset is not first's

    /** @param sources whether the set holds sources (else destinations) */
    EarliestRefs(boolean sources) {
        this.sources = sources;
    }

    boolean holdsSources() {
        return sources;
    }

    void offer(Ref ref) {
        List<Ref> candidates = new ArrayList<>(4);
        for (Ref r : new Ref[] {first, second, firstOfOtherDataset, ref}) {
            if (r != null && !candidates.contains(r)) {
                candidates.add(r);
            }
        }
        candidates.sort(Comparator.comparingInt(Ref::order));
        first = candidates.get(0);
        second = candidates.size() > 1 ? candidates.get(1) : null;
        firstOfOtherDataset = candidates.stream()
                .filter(r -> r.dataset() != first.dataset())
                .findFirst()
                .orElse(null);
    }

    /**
     * Adds every endpoint of {@code others}. Their three slots suffice: the union's two earliest are among each
     * side's two earliest, and each side's earliest of a dataset other than the union's first is its first or
     * its {@code firstOfOtherDataset}.
     */
    void offerAll(EarliestRefs... others) {
        for (EarliestRefs other : others) {
            for (Ref r : new Ref[] {other.first, other.second, other.firstOfOtherDataset}) {
                if (r != null) {
                    offer(r);
                }
            }
        }
    }

    /** The earliest endpoint that is not {@code ref}, or null. */
    Ref earliestOtherThan(Ref ref) {
        return first != ref ? first : second;
    }

    /** The earliest endpoint of a dataset other than {@code dataset}, or null. */
    Ref earliestNotOf(DatasetEndpoints dataset) {
        if (first == null) {
            return null;
        }
        return first.dataset() != dataset ? first : firstOfOtherDataset;
    }
}
