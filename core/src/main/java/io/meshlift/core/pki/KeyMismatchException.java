package io.meshlift.core.pki;

/** A private key does not belong to the certificate (or CSR) it is paired with. */
public class KeyMismatchException extends RuntimeException {

    KeyMismatchException(String message) {
        super(message);
    }
}
