package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.DatasetDigest;

/** The formats of the audit export: how one file row becomes one line. */
public enum AuditExportFormat {
    /** JSON lines: one object per file row. */
    JSON("application/x-ndjson", "jsonl") {
        @Override
        Optional<String> line(FileAuditRow row) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("transferId", row.transferId().toString());
            line.put("dataset", row.dataset());
            line.put("destination", row.destination());
            line.put("path", row.path());
            line.put("size", row.size());
            line.put("sourceSha256", row.sourceSha256());
            line.put("destinationSha256", row.destinationSha256());
            line.put("verifiedAt", row.verifiedAt().toString());
            line.put("verifiedBy", row.verifiedBy());
            line.put("pass", row.pass());
            line.put("status", row.status().name());
            return Optional.of(line.toString() + "\n");
        }
    },
    /** RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, a quote, CR or LF. */
    CSV("text/csv", "csv") {
        @Override
        Optional<String> header() {
            return Optional.of(String.join(",", COLUMNS) + "\r\n");
        }

        @Override
        Optional<String> line(FileAuditRow row) {
            List<String> fields = List.of(
                    row.transferId().toString(),
                    row.dataset(),
                    row.destination(),
                    row.path(),
                    Long.toString(row.size()),
                    row.sourceSha256(),
                    row.destinationSha256(),
                    row.verifiedAt().toString(),
                    row.verifiedBy(),
                    Integer.toString(row.pass()),
                    row.status().name());
            StringBuilder line = new StringBuilder();
            for (String field : fields) {
                if (!line.isEmpty()) {
                    line.append(',');
                }
                line.append(csvField(field));
            }
            return Optional.of(line.append("\r\n").toString());
        }
    },
    /**
     * GNU coreutils {@code sha256sum} lines of the destination digests, so that {@code sha256sum -c} run
     * in the destination directory re-verifies the tree. A row without a destination digest has no line.
     */
    SHA256SUM("text/plain", "sha256") {
        @Override
        Optional<String> line(FileAuditRow row) {
            if (row.status() == FileAuditStatus.MISSING) {
                return Optional.empty();
            }
            return Optional.of(DatasetDigest.sha256sumLine(row.path(), Sha256.fromHex(row.destinationSha256())));
        }
    };

    static final List<String> COLUMNS = List.of(
            "transferId",
            "dataset",
            "destination",
            "path",
            "size",
            "sourceSha256",
            "destinationSha256",
            "verifiedAt",
            "verifiedBy",
            "pass",
            "status");

    private final String mediaType;
    private final String extension;

    AuditExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** @throws IllegalArgumentException for a name other than json, csv or sha256sum (any case) */
    public static AuditExportFormat parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** What precedes the first row. */
    Optional<String> header() {
        return Optional.empty();
    }

    /** The row's line, terminator included; empty when the format has nothing to say about the row. */
    abstract Optional<String> line(FileAuditRow row);

    static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
