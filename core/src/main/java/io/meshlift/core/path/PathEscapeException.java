package io.meshlift.core.path;

/**
 * Resolving a path below a volume root met a symbolic link, or ended up somewhere other than the lexical
 * location below the root (a parent was swapped for a link while it was being opened). Symbolic links below a
 * root are never followed, not even links that point back inside the volume: checking a link target is itself
 * racy, and the manifest transfers links as links anyway.
 *
 * <p>Distinct from its parent type so that callers can treat it as a possible attack (PERMISSION_DENIED, log at
 * WARN) rather than a bad request.
 */
public class PathEscapeException extends PathRejectedException {

    private static final long serialVersionUID = 1L;

    PathEscapeException(String volume, String rawInput, String component, String reason) {
        super(volume, rawInput, component, reason);
    }
}
