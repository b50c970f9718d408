package io.meshlift.core.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders plan errors the way compilers do, so that editors and CI logs link them to the source:
 *
 * <pre>
 * plan.yaml:12:7: spec.datasets[0].source.path: path '../x' rejected: segment 0 is '..'; ...
 * plan.yaml:3:1: metadata: missing required field 'name' ...
 * plan.yaml: spec.datasets[0].destinations[0].agent: unknown agent 'dc2-x' ...   (no position known)
 * </pre>
 */
public final class PlanErrors {

    private PlanErrors() {}

    /** {@code source:line:column: path: message}; position and path are left out where they are unknown. */
    public static String format(String sourceName, PlanError error) {
        StringBuilder line = new StringBuilder(PlanText.escape(sourceName, 200));
        if (error.hasPosition()) {
            line.append(':').append(error.line()).append(':').append(error.column());
        }
        line.append(": ");
        if (!error.path().isEmpty()) {
            line.append(error.path()).append(": ");
        }
        return line.append(error.message()).toString();
    }

    /** Every error on its own line, in the given order, without a trailing newline. */
    public static String format(String sourceName, List<PlanError> errors) {
        return errors.stream().map(e -> format(sourceName, e)).collect(Collectors.joining("\n"));
    }
}
