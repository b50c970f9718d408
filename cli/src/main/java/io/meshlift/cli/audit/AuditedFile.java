package io.meshlift.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One file of one destination as the audit recorded it.
 *
 * @param path relative to the dataset root, '/'-separated
 * @param destinationSha256 null when the audit has no destination digest (status MISSING)
 */
record AuditedFile(String path, long size, String sourceSha256, String destinationSha256, String status) {

    /** From one line of the JSON-lines export (the coordinator's {@code FileAuditRow}). */
    static AuditedFile of(JsonNode row) {
        JsonNode destination = row.path("destinationSha256");
        return new AuditedFile(
                row.path("path").asText(),
                row.path("size").asLong(),
                row.path("sourceSha256").asText(),
                destination.isTextual() && !destination.asText().isEmpty() ? destination.asText() : null,
                row.path("status").asText());
    }
}
