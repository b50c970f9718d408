package io.meshlift.core.plan;

/**
 * Renders untrusted plan text for error messages: control characters, line and paragraph separators and format
 * characters (bidi overrides) are escaped, and long values are cut, so that one error stays one line and a
 * crafted plan cannot forge log lines or flood a terminal.
 */
final class PlanText {

    /** Long enough to recognise a value, short enough that a 1 MiB scalar does not become a 1 MiB message. */
    static final int MAX_RENDERED_CHARS = 120;

    private PlanText() {}

    /** {@code text} escaped and wrapped in single quotes; {@code null} is rendered as {@code null}. */
    static String quote(String text) {
        return text == null ? "null" : "'" + escape(text, MAX_RENDERED_CHARS) + "'";
    }

    /** {@code text} with every unsafe character escaped as {@code \\uXXXX}, cut after {@code limit} chars. */
    static String escape(String text, int limit) {
        int end = Math.min(text.length(), limit);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > end) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    private static boolean isUnsafe(char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
