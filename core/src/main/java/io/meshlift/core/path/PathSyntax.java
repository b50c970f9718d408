package io.meshlift.core.path;

/**
 * The syntax rules of {@link RelativePath}, kept apart from the value type so that both read on one screen.
 *
 * <p>Every check runs on the Java string but counts UTF-8 bytes, because Linux limits ({@code NAME_MAX} 255,
 * {@code PATH_MAX} 4096) and the manifest's canonical order are defined on bytes, not on characters.
 */
final class PathSyntax {

    /** Linux {@code PATH_MAX}; a longer relative path could not be opened below any root anyway. */
    static final int MAX_PATH_BYTES = 4096;

    /** Linux {@code NAME_MAX} for ext4, xfs, btrfs and tmpfs. */
    static final int MAX_SEGMENT_BYTES = 255;

    private PathSyntax() {}

    /**
     * Checks a non-empty relative path and returns its length in UTF-8 bytes.
     *
     * @throws PathRejectedException naming the first problem found, scanning left to right
     */
    static int checkPath(String input) {
        if (input.isEmpty()) {
            throw new PathRejectedException(
                    input, "path is empty; the dataset root is only accepted where a plan explicitly allows it");
        }
        // Every char is at least one UTF-8 byte: cap the work (and the rendered message) before scanning.
        if (input.length() > MAX_PATH_BYTES) {
            throw tooLong(input, "at least " + input.length());
        }
        if (input.charAt(0) == '/') {
            throw new PathRejectedException(
                    input, "absolute path; paths are relative to the volume or dataset root, remove the leading '/'");
        }
        int pathBytes = 0;
        int segmentStart = 0;
        int segmentBytes = 0;
        int segmentIndex = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '/') {
                checkSegment(input, segmentStart, i, segmentBytes, segmentIndex++);
                segmentStart = i + 1;
                segmentBytes = 0;
                pathBytes++;
                continue;
            }
            int bytes = charBytes(input, i);
            if (bytes == 4) {
                i++; // the low surrogate of a valid pair
            }
            segmentBytes += bytes;
            pathBytes += bytes;
        }
        checkSegment(input, segmentStart, input.length(), segmentBytes, segmentIndex);
        if (pathBytes > MAX_PATH_BYTES) {
            throw tooLong(input, Integer.toString(pathBytes));
        }
        return pathBytes;
    }

    /**
     * Checks a single file name (no '/') and returns its length in UTF-8 bytes.
     *
     * @throws PathRejectedException if the name is empty, contains '/', or breaks any rule of {@link
     *     #checkPath(String)}
     */
    static int checkSegment(String segment) {
        if (segment.indexOf('/') >= 0) {
            throw new PathRejectedException(
                    segment, "a single file name may not contain '/'; resolve a RelativePath to add several");
        }
        if (segment.isEmpty()) {
            throw new PathRejectedException(segment, "empty file name");
        }
        return checkPath(segment);
    }

    /** UTF-8 length of a string that already passed {@link #checkPath(String)}. */
    static int utf8Length(String valid) {
        int bytes = 0;
        for (int i = 0; i < valid.length(); i++) {
            char c = valid.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** UTF-8 length of the character at {@code i}, refusing characters that are never allowed in a path. */
    private static int charBytes(String input, int i) {
        char c = input.charAt(i);
        if (c == 0) {
            throw new PathRejectedException(
                    input, "contains a NUL character at index " + i + "; NUL terminates paths at the OS level");
        }
        if (c < 0x20 || c == 0x7F) {
            throw new PathRejectedException(
                    input,
                    String.format(
                            "contains the ASCII control character U+%04X at index %d; control characters are not"
                                    + " allowed in file names",
                            (int) c, i));
        }
        if (c == '\\') {
            throw new PathRejectedException(
                    input,
                    "contains a backslash at index " + i + "; '\\' is refused because it is a separator on Windows"
                            + " and makes the path ambiguous, use '/' between names");
        }
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        if (Character.isHighSurrogate(c) && i + 1 < input.length() && Character.isLowSurrogate(input.charAt(i + 1))) {
            return 4;
        }
        if (Character.isSurrogate(c)) {
            throw new PathRejectedException(
                    input,
                    String.format(
                            "contains an unpaired UTF-16 surrogate U+%04X at index %d; the path cannot be encoded"
                                    + " as UTF-8 and would not round-trip byte-exact",
                            (int) c, i));
        }
        return 3;
    }

    private static void checkSegment(String input, int start, int end, int bytes, int index) {
        if (start == end) {
            String where = end == input.length() ? "a trailing '/'" : "a doubled '/'";
            throw new PathRejectedException(
                    input, "empty name at segment " + index + " (" + where + "); separate names with a single '/'");
        }
        if (end - start == 1 && input.charAt(start) == '.') {
            throw new PathRejectedException(
                    input, "segment " + index + " is '.'; refer to a directory without '.' segments");
        }
        if (end - start == 2 && input.charAt(start) == '.' && input.charAt(start + 1) == '.') {
            throw new PathRejectedException(
                    input,
                    "segment " + index + " is '..'; parent references are refused so that a path can never leave"
                            + " its volume");
        }
        if (bytes > MAX_SEGMENT_BYTES) {
            throw new PathRejectedException(
                    input,
                    "segment " + index + " is " + bytes + " UTF-8 bytes long; a file name may be at most "
                            + MAX_SEGMENT_BYTES + " bytes");
        }
    }

    private static PathRejectedException tooLong(String input, String bytes) {
        return new PathRejectedException(
                input, "path is " + bytes + " UTF-8 bytes long; at most " + MAX_PATH_BYTES + " bytes are allowed");
    }
}
