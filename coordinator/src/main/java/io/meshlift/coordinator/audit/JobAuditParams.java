package io.meshlift.coordinator.audit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.meshlift.coordinator.api.ApiPatterns;

/**
 * The query parameters of the audit endpoints, validated as one bean so that every invalid parameter is
 * reported at once, under its own name, by the usual {@code invalid-request} problem.
 */
public final class JobAuditParams {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;

    private static final String STATUS = "(?i)match|mismatch|missing";

    private final List<String> status;

    @Pattern(regexp = ApiPatterns.UUID, message = "must be a UUID")
    private final String transferId;

    @Pattern(
            regexp = ApiPatterns.UUID + ":.+",
            flags = Pattern.Flag.DOTALL,
            message = "must be a nextAfter value: <transferId>:<path>")
    private final String after;

    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_LIMIT, message = "must be at most " + MAX_LIMIT)
    private final Integer limit;

    @Pattern(regexp = "(?i)json|csv|sha256sum", message = "must be json, csv or sha256sum")
    private final String format;

    public JobAuditParams(List<String> status, String transferId, String after, Integer limit, String format) {
        this.status = status == null ? List.of() : List.copyOf(status);
        this.transferId = transferId;
        this.after = after;
        this.limit = limit;
        this.format = format;
    }

    @AssertTrue(message = "must be match, mismatch or missing; repeat the parameter or separate values with commas")
    boolean isStatus() {
        return statusValues().stream().allMatch(s -> s.matches(STATUS));
    }

    /** A checksum file lists the tree of one destination directory: it cannot mix destinations. */
    @AssertTrue(message = "is required with format=sha256sum: a sha256sum file checks one destination directory")
    boolean isTransferId() {
        return format == null || !format.equalsIgnoreCase("sha256sum") || transferId != null;
    }

    /** Call once valid. */
    public FileAuditQuery query() {
        Set<FileAuditStatus> statuses = EnumSet.noneOf(FileAuditStatus.class);
        for (String value : statusValues()) {
            statuses.add(FileAuditStatus.valueOf(value.toUpperCase(Locale.ROOT)));
        }
        return new FileAuditQuery(
                statuses,
                Optional.ofNullable(transferId).map(UUID::fromString),
                Optional.ofNullable(after).map(FileAuditQuery.Cursor::parse));
    }

    public int limit() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    /** Call once valid. */
    public AuditExportFormat format() {
        return format == null ? AuditExportFormat.JSON : AuditExportFormat.parse(format);
    }

    private List<String> statusValues() {
        List<String> values = new ArrayList<>();
        for (String parameter : status) {
            for (String value : parameter.split(",", -1)) {
                values.add(value.trim());
            }
        }
        return values;
    }
}
