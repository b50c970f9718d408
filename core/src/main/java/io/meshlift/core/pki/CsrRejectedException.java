package io.meshlift.core.pki;

/**
 * A certificate signing request was refused: bad signature (no proof of key possession), an
 * unsupported key, or a requested identity that is not exactly the expected agent.
 */
public class CsrRejectedException extends RuntimeException {

    CsrRejectedException(String message) {
        super(message);
    }

    CsrRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
