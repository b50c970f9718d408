package io.meshlift.coordinator.audit;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which file rows of a job to read.
 *
 * @param statuses empty for every status
 * @param transferId empty for every transfer of the job
 * @param after rows strictly after this cursor, in (transfer, path) order
 */
public record FileAuditQuery(Set<FileAuditStatus> statuses, Optional<UUID> transferId, Optional<Cursor> after) {

    public FileAuditQuery {
        statuses = Set.copyOf(statuses);
    }

    /** A position in (transfer, path) order: {@code <transferId>:<path>} on the wire. */
    public record Cursor(UUID transferId, String path) {

        /** @throws IllegalArgumentException unless {@code text} is {@code <uuid>:<path>} */
        public static Cursor parse(String text) {
            int colon = text.indexOf(':');
            if (colon != 36) {
                throw new IllegalArgumentException("cursor must be <transferId>:<path>, got " + text);
            }
            return new Cursor(UUID.fromString(text.substring(0, colon)), text.substring(colon + 1));
        }
    }
}
