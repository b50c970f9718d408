package io.meshlift.coordinator.job;

import java.util.UUID;

import io.meshlift.coordinator.error.ResourceNotFoundException;

public class JobNotFoundException extends ResourceNotFoundException {

    public JobNotFoundException(UUID id) {
        super("no job with id " + id);
    }
}
