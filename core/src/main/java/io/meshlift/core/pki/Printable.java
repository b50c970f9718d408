package io.meshlift.core.pki;

/**
 * Renders untrusted strings (from certificates, CSRs, user input) for messages and logs: quoted,
 * control characters escaped and long values cut, so a crafted value cannot forge log lines.
 */
final class Printable {

    private static final int MAX_LENGTH = 100;

    private Printable() {}

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 8).append('"');
        for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_LENGTH) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.append('"').toString();
    }
}
