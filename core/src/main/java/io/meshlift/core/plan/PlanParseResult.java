package io.meshlift.core.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PlanParser} found: either a valid plan and no errors, or no plan and every error it could find, in
 * source order.
 *
 * @param sourceName the label errors are reported under, e.g. {@code plan.yaml}
 * @param plan the plan, present exactly when {@code errors} is empty
 * @param errors every error, sorted by {@link PlanError#SOURCE_ORDER}
 */
public record PlanParseResult(String sourceName, Optional<MigrationPlan> plan, List<PlanError> errors) {

    /**
     * @throws IllegalArgumentException unless exactly one of plan and errors is present
     */
    public PlanParseResult {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(plan, "plan");
        errors = List.copyOf(errors);
        if (plan.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("a result has either a plan or errors");
        }
    }

    static PlanParseResult valid(String sourceName, MigrationPlan plan) {
        return new PlanParseResult(sourceName, Optional.of(plan), List.of());
    }

    static PlanParseResult invalid(String sourceName, List<PlanError> errors) {
        return new PlanParseResult(
                sourceName,
                Optional.empty(),
                errors.stream().sorted(PlanError.SOURCE_ORDER).toList());
    }

    /** Whether the plan is valid. */
    public boolean isValid() {
        return plan.isPresent();
    }

    /**
     * The plan.
     *
     * @throws InvalidPlanException carrying every error, if the plan is not valid
     */
    public MigrationPlan orElseThrow() {
        return plan.orElseThrow(() -> new InvalidPlanException(sourceName, errors));
    }

    /** The errors as lines of {@code source:line:column: path: message}; empty for a valid plan. */
    public String formattedErrors() {
        return PlanErrors.format(sourceName, errors);
    }
}
