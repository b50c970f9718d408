package io.meshlift.core.path;

/**
 * Renders untrusted text so that it can be put into log lines and error messages: control characters,
 * Unicode format characters (e.g. bidi overrides), line separators, unpaired surrogates and backslashes are
 * escaped as {@code \\uXXXX} / {@code \\\\}, and very long input is truncated. Ordinary non-ASCII letters
 * stay readable, so {@code é} is shown as {@code é}.
 */
final class SafeText {

    /** Long enough to recognise the input, short enough that a hostile 100 MB string cannot flood a log. */
    static final int MAX_RENDERED_CHARS = 256;

    private SafeText() {}

    /** Returns {@code text} escaped and wrapped in single quotes; {@code null} is rendered as {@code null}. */
    static String quote(String text) {
        return text == null ? "null" : "'" + escape(text) + "'";
    }

    /** Returns {@code text} with every unsafe character escaped; see the class comment. */
    static String escape(String text) {
        int limit = Math.min(text.length(), MAX_RENDERED_CHARS);
        StringBuilder out = new StringBuilder(limit + 16);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (isUnsafe(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    private static boolean isUnsafe(char c) {
        if (Character.isISOControl(c) || Character.isSurrogate(c)) {
            return true; // a surrogate reaching this point is unpaired
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED;
    }
}
