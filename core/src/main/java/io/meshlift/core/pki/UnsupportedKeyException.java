package io.meshlift.core.pki;

/** A key is not of the kind the mesh uses (agent and CA keys are EC P-256). */
public class UnsupportedKeyException extends IllegalArgumentException {

    UnsupportedKeyException(String message) {
        super(message);
    }
}
