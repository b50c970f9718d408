package io.meshlift.coordinator.transfer;

import java.util.UUID;

import io.meshlift.coordinator.error.ResourceNotFoundException;

public class TransferNotFoundException extends ResourceNotFoundException {

    public TransferNotFoundException(UUID id) {
        super("no transfer with id " + id);
    }
}
