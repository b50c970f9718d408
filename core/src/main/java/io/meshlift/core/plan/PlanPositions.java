package io.meshlift.core.plan;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a parsed plan starts, by field path, so that checks made on the typed model (in {@link
 * PlanValidator}) can still point at a line and column.
 */
final class PlanPositions {

    /** For plans that were not read from text: every lookup yields {@link Position#UNKNOWN}. */
    static final PlanPositions NONE = new PlanPositions();

    private final Map<String, Position> byPath = new HashMap<>();

    void put(String path, Position position) {
        if (this != NONE) {
            byPath.putIfAbsent(path, position);
        }
    }

    /** The position of {@code path}, else of its nearest recorded ancestor, else {@link Position#UNKNOWN}. */
    Position of(String path) {
        String p = path;
        while (true) {
            Position found = byPath.get(p);
            if (found != null) {
                return found;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return Position.UNKNOWN;
            }
            p = p.substring(0, cut);
        }
    }
}
