package io.meshlift.coordinator.job;

import java.util.UUID;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/v1/jobs}.
 *
 * @param dryRun when true nothing is stored or moved: the answer says what would be
 */
public record JobRequest(@NotNull UUID planId, Boolean dryRun) {

    boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
