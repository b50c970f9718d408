package io.meshlift.core.plan;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a plan, pointing at the place to fix.
 *
 * <p>Contract: {@code line} and {@code column} are 1-based, or both {@code 0} when the plan was not read from
 * text (see {@link PlanValidator#validate(MigrationPlan)}); {@code path} names the field as in {@code
 * spec.datasets[1].destinations[0].path}, or is empty for problems with the document as a whole; path and
 * message are single lines, control characters escaped, so that each error renders as one line.
 *
 * @param line 1-based line of the offending node (of the enclosing map for a missing field)
 * @param column 1-based column, counted in code points
 * @param path where in the plan, e.g. {@code spec.defaults.chunkSize}
 * @param message what is wrong and how to fix it
 */
public record PlanError(int line, int column, String path, String message) {

    /** Source order: by line, then column; errors without a position come last. */
    public static final Comparator<PlanError> SOURCE_ORDER = Comparator.comparingLong(PlanError::sortKey);

    // Messages are built by this package and quote user text already; the cap only guards the whole line.
    private static final int MAX_MESSAGE_CHARS = 2000;

    /**
     * @throws IllegalArgumentException if line or column is negative, or only one of them is 0
     * @throws NullPointerException if path or message is null
     */
    public PlanError {
        if (line < 0 || column < 0 || (line == 0) != (column == 0)) {
            throw new IllegalArgumentException("bad position " + line + ":" + column);
        }
        path = PlanText.escape(Objects.requireNonNull(path, "path"), MAX_MESSAGE_CHARS);
        message = PlanText.escape(Objects.requireNonNull(message, "message"), MAX_MESSAGE_CHARS);
    }

    /** Whether the error carries a line and column. */
    public boolean hasPosition() {
        return line > 0;
    }

    /** This error as one line, see {@link PlanErrors#format(String, PlanError)}. */
    public String format(String sourceName) {
        return PlanErrors.format(sourceName, this);
    }

    private long sortKey() {
        return hasPosition() ? ((long) line << 32) | column : Long.MAX_VALUE;
    }
}
