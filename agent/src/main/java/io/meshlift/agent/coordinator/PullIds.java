package io.meshlift.agent.coordinator;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Pull ids for assignment ids. A pull id names a directory in the state dir, so it allows only
 * {@code [A-Za-z0-9._-]}; the coordinator's assignment ids are {@code <uuid>/<attempt>}. Every
 * other byte (and {@code _} itself) is escaped as {@code _hh}, which keeps the mapping one-to-one
 * and leaves ids that are already safe almost unchanged ("3f…/1" becomes "3f…_2f1").
 */
final class PullIds {

    private static final Pattern PULL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private PullIds() {}

    /** @throws InvalidAssignmentException if the escaped id is empty, too long or starts badly */
    static String of(String assignmentId) {
        StringBuilder pullId = new StringBuilder();
        for (byte b : assignmentId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                pullId.append(c);
            } else {
                pullId.append('_')
                        .append(Character.forDigit((b >> 4) & 0xf, 16))
                        .append(Character.forDigit(b & 0xf, 16));
            }
        }
        if (!PULL_ID.matcher(pullId).matches()) {
            throw new InvalidAssignmentException(
                    assignmentId,
                    java.util.List.of("assignment_id: must start with a letter or digit and, with every character "
                            + "other than A-Z a-z 0-9 . - written as _hh, fit in 128 characters"));
        }
        return pullId.toString();
    }
}
