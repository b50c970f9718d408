package io.meshlift.bench.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load generator: request {@code i} is due at {@code start + i / rate}, whatever happened to
 * the earlier ones, and its latency runs from that intended time to the last byte of the answer. A slow
 * server therefore shows up as latency instead of as a lower send rate (no coordinated omission). Requests
 * go round-robin over the endpoints, each with {@code Authorization: Bearer}.
 */
public final class OpenModelLoad {

    /** A GET path under the coordinator; {@code name} labels it in the results. */
    public record Endpoint(String name, String path) {}

    private final URI base;
    private final List<Endpoint> endpoints;
    private final double ratePerSecond;
    private final ExecutorService responses = Executors.newFixedThreadPool(4);
    private final HttpClient http;

    public OpenModelLoad(URI base, List<Endpoint> endpoints, double ratePerSecond) {
        this.base = base;
        this.endpoints = List.copyOf(endpoints);
        this.ratePerSecond = ratePerSecond;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(responses)
                .build();
    }

    /**
     * Sends at the fixed rate for {@code duration} with {@code token}, then waits for the stragglers.
     *
     * @return per endpoint name, in the endpoints' order
     */
    public Map<String, LatencyStats> run(Duration duration, String token) {
        Map<String, LatencyStats> stats = new LinkedHashMap<>();
        endpoints.forEach(endpoint -> stats.put(endpoint.name(), new LatencyStats()));
        List<HttpRequest> requests = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            requests.add(HttpRequest.newBuilder(base.resolve(endpoint.path()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .GET()
                    .build());
        }
        long total = (long) (duration.toNanos() / 1e9 * ratePerSecond);
        double periodNanos = 1e9 / ratePerSecond;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * periodNanos);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int which = (int) (i % endpoints.size());
            LatencyStats endpointStats = stats.get(endpoints.get(which).name());
            inFlight.add(http.sendAsync(requests.get(which), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, error) -> {
                        long latency = System.nanoTime() - intended;
                        if (error != null) {
                            endpointStats.error(error.toString());
                        } else if (response.statusCode() != 200) {
                            endpointStats.error("HTTP " + response.statusCode() + ": "
                                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
                        } else {
                            endpointStats.record(latency);
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .exceptionally(error -> null)
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        return stats;
    }

    public void close() {
        responses.shutdownNow();
    }
}
