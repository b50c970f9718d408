package io.meshlift.core.pki;

/**
 * A certificate does not carry exactly one well-formed agent identity ({@code
 * urn:meshlift:agent:<id>} SAN URI).
 */
public class CertificateIdentityException extends RuntimeException {

    CertificateIdentityException(String message) {
        super(message);
    }

    CertificateIdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
