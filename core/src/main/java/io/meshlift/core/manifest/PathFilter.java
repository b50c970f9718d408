package io.meshlift.core.manifest;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

import io.meshlift.core.path.RelativePath;

/**
 * Include/exclude globs, as in rsync and rclone: a pattern matches the entry's relative path or its
 * file name. Excluded directories are not walked. When include patterns are given, only files
 * matching one are listed; directories are always walked so nested matches are found. Meshlift's own
 * partial files are always excluded.
 */
public final class PathFilter {

    public static final PathFilter ALL = new PathFilter(List.of(), List.of());

    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;

    public PathFilter(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(PathFilter::compile).toList();
        this.excludes = excludes.stream().map(PathFilter::compile).toList();
    }

    private static PathMatcher compile(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("an include/exclude pattern cannot be empty");
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid glob pattern '" + glob + "': " + e.getMessage(), e);
        }
    }

    public boolean excludes(RelativePath path) {
        return PartialFiles.isPartialName(path.fileName()) || matchesAny(excludes, path);
    }

    /** Whether a file (not a directory) passes the include list. */
    public boolean includesFile(RelativePath path) {
        return includes.isEmpty() || matchesAny(includes, path);
    }

    private static boolean matchesAny(List<PathMatcher> matchers, RelativePath path) {
        if (matchers.isEmpty()) {
            return false;
        }
        Path whole = Path.of(path.toString());
        Path name = Path.of(path.fileName());
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(whole) || matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
