package io.meshlift.coordinator.plan;

import java.util.UUID;

import io.meshlift.coordinator.error.ResourceNotFoundException;

public class PlanNotFoundException extends ResourceNotFoundException {

    public PlanNotFoundException(UUID id) {
        super("no plan with id " + id);
    }
}
