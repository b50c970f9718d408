package io.meshlift.core.grant;

import java.nio.file.Path;

/** The grant key file cannot be used. Names the file and the problem, never the key material. */
public class GrantKeyFileException extends RuntimeException {

    public GrantKeyFileException(Path file, String problem) {
        super("grant key file " + file + ": " + problem);
    }
}
