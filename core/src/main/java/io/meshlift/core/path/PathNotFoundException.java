package io.meshlift.core.path;

/** A component of a path does not exist below the volume root. Messages never contain absolute host paths. */
public class PathNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String volume;
    private final String path;
    private final String missing;

    PathNotFoundException(String volume, RelativePath path, String missing) {
        super("path " + SafeText.quote(path.toString()) + " not found in volume " + SafeText.quote(volume) + ": "
                + SafeText.quote(missing) + " does not exist");
        this.volume = volume;
        this.path = path.toString();
        this.missing = missing;
    }

    /** The volume that was searched. */
    public String volume() {
        return volume;
    }

    /** The requested path, as given (it is a valid {@link RelativePath}). */
    public String path() {
        return path;
    }

    /** The prefix of {@link #path()} up to and including the first component that does not exist. */
    public String missing() {
        return missing;
    }
}
