package io.meshlift.coordinator.plan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.meshlift.core.plan.DatasetSpec;
import io.meshlift.core.plan.MigrationPlan;

/**
 * A plan as the REST API shows it: what it moves, and (for a single plan) the YAML as applied.
 *
 * @param yaml the plan file verbatim; left out of lists
 */
public record PlanView(
        UUID id,
        String name,
        Instant createdAt,
        String createdBy,
        List<DatasetView> datasets,
        @JsonInclude(JsonInclude.Include.NON_NULL) String yaml) {

    /** @param source and destinations as {@code agent:volume:path} */
    public record DatasetView(String name, String source, List<String> destinations) {

        static DatasetView of(DatasetSpec dataset) {
            return new DatasetView(
                    dataset.name(),
                    dataset.source().toString(),
                    dataset.destinations().stream().map(Object::toString).toList());
        }
    }

    static PlanView of(Plan plan, MigrationPlan parsed, boolean withYaml) {
        return new PlanView(
                plan.id,
                plan.name,
                plan.createdAt,
                plan.createdBy,
                parsed.datasets().stream().map(DatasetView::of).toList(),
                withYaml ? plan.yaml : null);
    }
}
