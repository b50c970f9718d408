package io.meshlift.core.pki;

import java.nio.file.Path;

/** {@link LocalMesh#create} found a CA in the directory already and refuses to overwrite it. */
public class MeshAlreadyExistsException extends RuntimeException {

    MeshAlreadyExistsException(Path directory) {
        super("A mesh CA already exists in " + directory + "; open it instead of creating a new one");
    }
}
