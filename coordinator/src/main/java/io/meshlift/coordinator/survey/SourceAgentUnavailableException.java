package io.meshlift.coordinator.survey;

/**
 * A dataset's source agent cannot be asked now: it never registered, is offline, holds its control stream
 * on another coordinator replica, or does not read what is sent to it. The API answers 503; the request may
 * succeed later.
 */
public class SourceAgentUnavailableException extends RuntimeException {

    private final String agent;

    SourceAgentUnavailableException(String agent, String message) {
        super(message);
        this.agent = agent;
    }

    public String agent() {
        return agent;
    }
}
