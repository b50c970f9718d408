package io.meshlift.core.pki;

/**
 * A PEM file (or PEM text) could not be read or written: missing, unreadable, malformed, or not
 * holding what was expected. The message names the source and the problem, never key material.
 */
public class PemFileException extends RuntimeException {

    private final String source;

    PemFileException(String source, String problem) {
        this(source, problem, null);
    }

    PemFileException(String source, String problem, Throwable cause) {
        super("PEM " + source + ": " + problem, cause);
        this.source = source;
    }

    /** The file path (or description of the text) that failed. */
    public String source() {
        return source;
    }
}
