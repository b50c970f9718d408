package io.meshlift.quickstart;

/** A step of the quickstart failed; the message says what, where, and what to do about it. */
public final class QuickstartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QuickstartException(String message) {
        super(message);
    }

    public QuickstartException(String message, Throwable cause) {
        super(message, cause);
    }
}
