package io.meshlift.coordinator.error;

/**
 * Something a request names (a job, a plan, an agent) does not exist. The API answers 404.
 *
 * <p>Feature packages subclass it with the noun in the name ({@code JobNotFoundException}); the message
 * says which id was looked up.
 */
public abstract class ResourceNotFoundException extends RuntimeException {

    protected ResourceNotFoundException(String message) {
        super(message);
    }
}
