package io.meshlift.agent.auth;

/** No access token could be obtained (Keycloak down, secret wrong or unreadable); the link retries later. */
public class TokenUnavailableException extends RuntimeException {

    public TokenUnavailableException(String message) {
        super(message);
    }

    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
