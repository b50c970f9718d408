package io.meshlift.core.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors of one parse. Capped, because a hostile 1 MiB plan could otherwise yield tens of
 * thousands of errors; past the cap one closing error says that more were dropped.
 */
final class ErrorSink {

    private final int max;
    private final List<PlanError> errors = new ArrayList<>();
    private int dropped;

    ErrorSink(int max) {
        this.max = max;
    }

    void add(Position at, String path, String message) {
        if (errors.size() < max) {
            errors.add(new PlanError(at.line(), at.column(), path, message));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors, plus one that counts those dropped past the cap. */
    List<PlanError> errors() {
        List<PlanError> all = new ArrayList<>(errors);
        if (dropped > 0) {
            all.add(new PlanError(
                    0, 0, "", dropped + " more errors were not listed; fix the ones above and validate again"));
        }
        return all;
    }
}
