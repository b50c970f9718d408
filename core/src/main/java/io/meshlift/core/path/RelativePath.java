package io.meshlift.core.path;

import java.util.List;
import java.util.Objects;

/**
 * An immutable, validated, '/'-separated path relative to a volume or dataset root, as used on the wire, in
 * plans and in manifests.
 *
 * <p>Contract: an instance never contains an empty, {@code .} or {@code ..} segment, a NUL, an ASCII control
 * character or a backslash; it is not absolute; it is at most 4096 UTF-8 bytes long with names of at most 255
 * bytes; and it encodes to UTF-8 and back unchanged. Only {@link #ROOT} is empty, and it is only produced by
 * {@link #parseOrRoot(String)} or by walking up with {@link #parent()}.
 *
 * <p>Names are not Unicode-normalised: Linux compares names as bytes, so the NFC and NFD spellings of {@code é}
 * are two different files and must stay two different paths. Equality is exact string equality.
 *
 * <p>Ordering ({@link #compareTo}) is by the UTF-8 bytes of the whole path, '/' included. That is the
 * manifest's canonical order and the order of {@code LC_ALL=C sort}, so an auditor can reproduce the dataset
 * digest with coreutils. It is not a segment-wise order: {@code a-c < a/b < a0}.
 */
public final class RelativePath implements Comparable<RelativePath> {

    /** The dataset or volume root itself: no segments, rendered as the empty string. */
    public static final RelativePath ROOT = new RelativePath("", 0);

    /** At most this many UTF-8 bytes in a whole path (Linux {@code PATH_MAX}). */
    public static final int MAX_PATH_BYTES = PathSyntax.MAX_PATH_BYTES;

    /** At most this many UTF-8 bytes in one name (Linux {@code NAME_MAX}). */
    public static final int MAX_SEGMENT_BYTES = PathSyntax.MAX_SEGMENT_BYTES;

    private final String text;
    // Kept so that resolve() can enforce MAX_PATH_BYTES without re-encoding either side.
    private final int utf8Length;

    private RelativePath(String text, int utf8Length) {
        this.text = text;
        this.utf8Length = utf8Length;
    }

    /**
     * Parses a non-empty relative path.
     *
     * @throws PathRejectedException if the input breaks any rule in the class contract, including when it is
     *     empty (use {@link #parseOrRoot(String)} where the root is a legitimate target)
     * @throws NullPointerException if {@code input} is null
     */
    public static RelativePath parse(String input) {
        Objects.requireNonNull(input, "input");
        return new RelativePath(input, PathSyntax.checkPath(input));
    }

    /** Like {@link #parse(String)}, but the empty string yields {@link #ROOT}. */
    public static RelativePath parseOrRoot(String input) {
        Objects.requireNonNull(input, "input");
        return input.isEmpty() ? ROOT : parse(input);
    }

    /** The names of this path, outermost first; empty for {@link #ROOT}. */
    public List<String> segments() {
        return isRoot() ? List.of() : List.of(text.split("/", -1));
    }

    /** Whether this is {@link #ROOT}. */
    public boolean isRoot() {
        return text.isEmpty();
    }

    /**
     * Appends {@code other} below this path.
     *
     * @throws PathRejectedException if the result would be longer than {@link #MAX_PATH_BYTES}
     */
    public RelativePath resolve(RelativePath other) {
        if (other.isRoot()) {
            return this;
        }
        if (isRoot()) {
            return other;
        }
        return join(other.text, other.utf8Length);
    }

    /**
     * Appends a single name below this path.
     *
     * @throws PathRejectedException if {@code segment} is not a valid single name (it contains '/', is empty,
     *     {@code .}, {@code ..}, ...) or the result would be longer than {@link #MAX_PATH_BYTES}
     */
    public RelativePath resolve(String segment) {
        Objects.requireNonNull(segment, "segment");
        int bytes = PathSyntax.checkSegment(segment);
        return isRoot() ? new RelativePath(segment, bytes) : join(segment, bytes);
    }

    /**
     * The path without its last name; {@link #ROOT} for a single-name path.
     *
     * @throws IllegalStateException for {@link #ROOT}, which has no parent (check {@link #isRoot()} first)
     */
    public RelativePath parent() {
        requireNotRoot("parent");
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            return ROOT;
        }
        String parent = text.substring(0, slash);
        return new RelativePath(parent, PathSyntax.utf8Length(parent));
    }

    /**
     * The last name of this path.
     *
     * @throws IllegalStateException for {@link #ROOT}, which has no name
     */
    public String fileName() {
        requireNotRoot("file name");
        return text.substring(text.lastIndexOf('/') + 1);
    }

    /**
     * Whether {@code prefix} is this path or one of its ancestors, compared name by name: {@code ab} does not
     * start with {@code a}. Every path starts with {@link #ROOT}.
     */
    public boolean startsWith(RelativePath prefix) {
        if (prefix.isRoot()) {
            return true;
        }
        return text.startsWith(prefix.text)
                && (text.length() == prefix.text.length() || text.charAt(prefix.text.length()) == '/');
    }

    /** Orders by the UTF-8 bytes of the whole path (unsigned), without encoding either side. */
    @Override
    public int compareTo(RelativePath other) {
        String a = text;
        String b = other.text;
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return Integer.compare(codePointOrder(ca), codePointOrder(cb));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * UTF-8 byte order equals code point order, but UTF-16 code unit order puts surrogates (code points above
     * U+FFFF) before U+E000..U+FFFF. Shifting surrogates above that range restores code point order; the pairs
     * are valid because the contract forbids unpaired surrogates.
     */
    private static int codePointOrder(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelativePath other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The path as parsed: names joined by '/', the empty string for {@link #ROOT}. */
    @Override
    public String toString() {
        return text;
    }

    private RelativePath join(String tail, int tailBytes) {
        int bytes = utf8Length + 1 + tailBytes;
        String joined = text + "/" + tail;
        if (bytes > MAX_PATH_BYTES) {
            throw new PathRejectedException(
                    joined, "path is " + bytes + " UTF-8 bytes long; at most " + MAX_PATH_BYTES + " bytes are allowed");
        }
        return new RelativePath(joined, bytes);
    }

    private void requireNotRoot(String what) {
        if (isRoot()) {
            throw new IllegalStateException("the root path has no " + what);
        }
    }
}
