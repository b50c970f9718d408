package io.meshlift.core.path;

import java.util.Optional;

/**
 * A path was refused: either its syntax is not allowed ({@link RelativePath#parse(String)}), or what is on
 * disk below a volume root does not permit the requested operation (an intermediate component that is not a
 * directory, a file that is not regular).
 *
 * <p>The offending input is stored escaped (see {@link #input()}), so the exception can be logged or sent to a
 * peer as is. Messages never contain absolute host paths.
 */
public class PathRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final String reason;
    private final String volume;
    private final String component;

    /**
     * A syntax rejection.
     *
     * @param rawInput the input as received; it is escaped before being stored
     * @param reason what is wrong and what to do instead, for a person to act on
     */
    public PathRejectedException(String rawInput, String reason) {
        this(null, rawInput, null, reason);
    }

    /** A rejection found while resolving {@code rawInput} below the root of {@code volume}. */
    PathRejectedException(String volume, String rawInput, String component, String reason) {
        super(message(volume, rawInput, component, reason));
        this.input = SafeText.escape(rawInput);
        this.reason = reason;
        this.volume = volume;
        this.component = component;
    }

    /** The refused path, with control characters, NUL and other unsafe characters escaped. */
    public String input() {
        return input;
    }

    /** Why the path was refused, phrased so that a person can fix the plan or the volume. */
    public String reason() {
        return reason;
    }

    /** The volume being resolved against, empty for a pure syntax rejection. */
    public Optional<String> volume() {
        return Optional.ofNullable(volume);
    }

    /**
     * The relative prefix of {@link #input()} up to and including the offending component (e.g. {@code a/link}
     * for {@code a/link/file}), escaped; empty for a pure syntax rejection.
     */
    public Optional<String> component() {
        return Optional.ofNullable(component).map(SafeText::escape);
    }

    private static String message(String volume, String rawInput, String component, String reason) {
        if (volume == null) {
            return "path " + SafeText.quote(rawInput) + " rejected: " + reason;
        }
        return "path " + SafeText.quote(rawInput) + " in volume " + SafeText.quote(volume) + " rejected at "
                + SafeText.quote(component) + ": " + reason;
    }
}
