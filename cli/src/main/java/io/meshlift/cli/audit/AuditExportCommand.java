package io.meshlift.cli.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorClient;
import io.meshlift.cli.api.CoordinatorOptions;

/**
 * {@code meshlift audit export JOB --format json|csv|sha256sum [-o FILE]}: streams the coordinator's export
 * ({@code GET /api/v1/jobs/{id}/audit/export}) to stdout or a file, without holding it in memory. A file
 * appears under its name only once complete, so a broken download never passes for a whole export.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Stream every file row of a job's audit: JSON lines, CSV, or sha256sum lines of one destination.",
            "Re-verify a destination with coreutils: meshlift audit export JOB --format sha256sum -o job.sha256,"
                    + " then in the destination directory: sha256sum -c job.sha256"
        })
public final class AuditExportCommand implements Callable<Integer> {

    enum Format {
        JSON("application/x-ndjson"),
        CSV("text/csv"),
        SHA256SUM("text/plain");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    StatusFilter filter;

    @Parameters(paramLabel = "JOB", description = "The job id.")
    String job;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "json",
            converter = FormatConverter.class,
            description = "json (JSON lines, default), csv (RFC 4180) or sha256sum (one destination).")
    Format format = Format.JSON;

    @Option(
            names = {"-o", "--output-file"},
            paramLabel = "FILE",
            description = "Write here instead of stdout.")
    Path file;

    @Option(
            names = "--transfer",
            paramLabel = "ID|AGENT:VOLUME:PATH",
            description = "Only this transfer; sha256sum needs one unless the job has a single transfer.")
    String transfer;

    @Override
    public Integer call() throws IOException {
        CoordinatorClient client = coordinator.client();
        String transferId = transfer;
        if (format == Format.SHA256SUM || (transfer != null && transfer.contains(":"))) {
            // sha256sum lines name paths of one destination; find which, or accept a destination for the id.
            transferId = Transfers.pick(
                            client.get(AuditQuery.page(job).with("limit", 1).build())
                                    .path("transfers"),
                            transfer,
                            job)
                    .path("transferId")
                    .asText();
        }
        String path = AuditQuery.export(job)
                .with("format", format.name().toLowerCase(Locale.ROOT))
                .with("status", filter.query())
                .with("transferId", transferId)
                .build();
        try (InputStream body = client.stream(path, format.mediaType)) {
            if (file == null) {
                copy(body, spec.commandLine().getOut());
            } else {
                long bytes = writeAtomically(body, file);
                spec.commandLine().getErr().println("wrote " + bytes + " bytes to " + file);
                spec.commandLine().getErr().flush();
            }
        }
        return ExitCodes.OK;
    }

    private static void copy(InputStream body, PrintWriter out) throws IOException {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        char[] buffer = new char[64 * 1024];
        int n;
        while ((n = reader.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
        out.flush();
    }

    private static long writeAtomically(InputStream body, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        try {
            long bytes;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                bytes = body.transferTo(out);
            }
            // The temporary file is created 0600; an export is a report to share, not a secret.
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return bytes;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an export format; use json, csv or sha256sum");
            }
        }
    }
}
