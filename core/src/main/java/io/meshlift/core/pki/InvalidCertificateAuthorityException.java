package io.meshlift.core.pki;

/** A certificate/key pair cannot act as the mesh CA (not a CA certificate, wrong key type). */
public class InvalidCertificateAuthorityException extends RuntimeException {

    InvalidCertificateAuthorityException(String message) {
        super(message);
    }
}
