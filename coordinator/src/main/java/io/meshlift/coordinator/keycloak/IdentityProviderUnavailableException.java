package io.meshlift.coordinator.keycloak;

/** Keycloak is not configured, not reachable, or refused an admin call; the request may succeed later. */
public class IdentityProviderUnavailableException extends RuntimeException {

    public IdentityProviderUnavailableException(String message) {
        super(message);
    }

    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
