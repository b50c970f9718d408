package io.meshlift.coordinator.dashboard;

/** The identity provider's discovery document cannot be read now; the dashboard answers 503 and retries later. */
class OidcProviderUnavailableException extends RuntimeException {

    OidcProviderUnavailableException(String message) {
        super(message);
    }
}
