package io.meshlift.agent.transfer;

/**
 * A chunk could not be fetched this time (peer unreachable, stream broke, stalled, file changed on
 * the source). Whether to retry is the caller's decision; {@link #retryable()} says whether it makes
 * sense.
 */
public class ChunkUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public ChunkUnavailableException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ChunkUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.retryable = true;
    }

    public boolean retryable() {
        return retryable;
    }
}
