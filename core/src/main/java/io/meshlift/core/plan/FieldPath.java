package io.meshlift.core.plan;

import java.util.regex.Pattern;

/**
 * Builds the field paths of error messages: {@code spec.datasets[1].destinations[0].path}. Keys that are not
 * simple names (label keys such as {@code app.kubernetes.io/name}, or garbage) are written {@code ["..."]} so
 * that a path can always be read back unambiguously.
 */
final class FieldPath {

    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private FieldPath() {}

    static String child(String parent, String key) {
        StringBuilder path = new StringBuilder(parent);
        appendKey(path, key);
        return path.toString();
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static void appendKey(StringBuilder path, String key) {
        if (SIMPLE.matcher(key).matches()) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(key);
        } else {
            path.append("[\"")
                    .append(PlanText.escape(key.replace("\"", "\\\""), 64))
                    .append("\"]");
        }
    }
}
