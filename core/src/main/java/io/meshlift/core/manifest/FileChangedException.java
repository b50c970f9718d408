package io.meshlift.core.manifest;

/** A file changed (size, mtime or content) while Meshlift was reading or serving it. */
public class FileChangedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public FileChangedException(String path, String what) {
        super("file '" + path + "' " + what);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
