package io.meshlift.core.plan;

import java.util.List;

/**
 * A plan was required to be valid and is not. Carries every error, so that a REST layer can list them all (as a
 * 400 problem) and a CLI can print them one per line.
 */
public class InvalidPlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final transient List<PlanError> errors;

    /**
     * @param sourceName the file name or other label the errors refer to
     * @param errors at least one error, in source order
     */
    public InvalidPlanException(String sourceName, List<PlanError> errors) {
        super(summary(sourceName, errors));
        this.sourceName = sourceName;
        this.errors = List.copyOf(errors);
    }

    /** The label the plan was read under, e.g. {@code plan.yaml}. */
    public String sourceName() {
        return sourceName;
    }

    /** Every error, in source order. */
    public List<PlanError> errors() {
        return errors;
    }

    private static String summary(String sourceName, List<PlanError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid plan has at least one error");
        }
        return "invalid plan " + PlanText.quote(sourceName) + " (" + errors.size()
                + (errors.size() == 1 ? " error" : " errors") + "):\n" + PlanErrors.format(sourceName, errors);
    }
}
