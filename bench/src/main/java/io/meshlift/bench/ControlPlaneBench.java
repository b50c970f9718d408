package io.meshlift.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.meshlift.bench.agents.AgentsBenchmark;
import io.meshlift.bench.export.AuditExportBenchmark;
import io.meshlift.bench.rest.RestLatencyBenchmark;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * Entry point of {@code bench/control-plane/run.sh}: {@code agents | rest | export | all}. Sizes come from
 * system properties (defaults are the figures) so a quick run can shrink them:
 *
 * <ul>
 *   <li>{@code bench.agents} (1000), {@code bench.window} seconds of each CPU window (60), {@code bench.settle} (30)
 *   <li>{@code bench.rate} requests/s (200), {@code bench.duration} seconds (60), {@code bench.warmup} (20),
 *       {@code bench.rest.files} records per destination of the large job (5000), {@code bench.rest.jobs} (49)
 *   <li>{@code bench.export.records} (1000000), {@code bench.export.limit} seconds per format (300),
 *       {@code bench.export.compare-without-index} (true) and {@code bench.export.without-index-limit} (120): the json
 *       export once more without the path-order index, as before migration V4_1
 *   <li>{@code bench.work}, {@code bench.results}, {@code bench.coordinator.runner}: paths (set by the script)
 * </ul>
 */
public final class ControlPlaneBench {

    private ControlPlaneBench() {}

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        if (!List.of("agents", "rest", "export", "all").contains(which)) {
            System.err.println("usage: ControlPlaneBench agents|rest|export|all (got " + which + ")");
            System.exit(2);
        }
        // Keycloak's start-up includes its own build step (minutes on a loaded machine): start it now, in
        // parallel with the work that does not need it (certificates, PostgreSQL); shared() waits for it.
        CompletableFuture.runAsync(KeycloakServer::shared);
        List<Path> written = new ArrayList<>();
        try (BenchEnvironment environment =
                new BenchEnvironment(path("bench.work"), path("bench.results"), path("bench.coordinator.runner"))) {
            if (which.equals("agents") || which.equals("all")) {
                written.add(new AgentsBenchmark(
                                environment,
                                Integer.getInteger("bench.agents", 1000),
                                seconds("bench.window", 60),
                                seconds("bench.settle", 30))
                        .run());
            }
            if (which.equals("rest") || which.equals("all")) {
                written.add(new RestLatencyBenchmark(
                                environment,
                                Double.parseDouble(System.getProperty("bench.rate", "200")),
                                seconds("bench.duration", 60),
                                seconds("bench.warmup", 20),
                                Integer.getInteger("bench.rest.files", 5000),
                                Integer.getInteger("bench.rest.jobs", 49))
                        .run());
            }
            if (which.equals("export") || which.equals("all")) {
                written.add(new AuditExportBenchmark(
                                environment,
                                Long.getLong("bench.export.records", 1_000_000L),
                                seconds("bench.export.limit", 300),
                                Boolean.parseBoolean(System.getProperty("bench.export.compare-without-index", "true")),
                                seconds("bench.export.without-index-limit", 120))
                        .run());
            }
        }
        written.forEach(file -> System.out.println("results: " + file));
        // Keycloak's shutdown hook stops the server this JVM started.
        System.exit(0);
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalArgumentException("system property " + property + " is required (set by run.sh)");
        }
        return Path.of(value).toAbsolutePath();
    }

    private static Duration seconds(String property, int defaultSeconds) {
        return Duration.ofSeconds(Integer.getInteger(property, defaultSeconds));
    }
}
