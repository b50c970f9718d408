package io.meshlift.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.meshlift.cli.agent.EnrollCommand;

/**
 * The three agents on loopback, each with volume {@code data} under {@code agents/<id>/data}, its state
 * directory, the certificate and Keycloak client it got at enrollment, and a link to the coordinator's control
 * channel.
 */
final class LocalAgents {

    private static final Duration ONLINE_TIMEOUT = Duration.ofMinutes(3);

    private final List<ServiceProcess> processes = new ArrayList<>();

    /** Launches every agent, then waits for each to be ready (they start in parallel). */
    /** @param clientIds agent id to the Keycloak client its enrollment created */
    void start(
            QuickstartSettings settings,
            WorkDir work,
            LocalKeycloak keycloak,
            Map<String, String> clientIds,
            Console console) {
        List<String> agents = QuickstartSettings.AGENTS;
        for (int i = 0; i < agents.size(); i++) {
            String id = agents.get(i);
            Path credentials = work.agentCredentials(id);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("agent.id", id);
            properties.put("agent.volumes.data", directory(work.agentVolume(id)).toString());
            properties.put("agent.state-dir", directory(work.agentState(id)).toString());
            properties.put(
                    "agent.tls.cert",
                    credentials.resolve(EnrollCommand.CERTIFICATE).toString());
            properties.put(
                    "agent.tls.key", credentials.resolve(EnrollCommand.KEY).toString());
            properties.put("agent.tls.ca", credentials.resolve(EnrollCommand.CA).toString());
            properties.put("agent.peer.host", "127.0.0.1");
            properties.put("agent.peer.port", Integer.toString(settings.ports().agentPeer(i)));
            properties.put("quarkus.http.host", "127.0.0.1");
            properties.put(
                    "quarkus.http.port", Integer.toString(settings.ports().agentHttp(i)));
            properties.put(
                    "quarkus.management.port", Integer.toString(settings.ports().agentManagement(i)));
            properties.put(
                    "agent.coordinator.address", "127.0.0.1:" + settings.ports().coordinatorControl());
            properties.put("agent.coordinator.oidc.token-url", keycloak.tokenUrl());
            properties.put("agent.coordinator.oidc.client-id", clientIds.get(id));
            properties.put(
                    "agent.coordinator.oidc.client-secret-file",
                    credentials.resolve(EnrollCommand.CLIENT_SECRET).toString());
            processes.add(ServiceProcess.start(
                    id,
                    settings.agentRunner(),
                    "256m",
                    properties,
                    Map.of(),
                    settings.ports().agentHttp(i),
                    work));
            console.detail(
                    "%s: peer 127.0.0.1:%d, health http://127.0.0.1:%d, volume data = %s, log %s",
                    id,
                    settings.ports().agentPeer(i),
                    settings.ports().agentHttp(i),
                    work.agentVolume(id),
                    work.logs().resolve(id + ".log"));
        }
        processes.forEach(ServiceProcess::awaitReady);
    }

    /** Waits until the coordinator lists every agent ONLINE on its control channel. */
    void awaitOnline(CoordinatorApi api, Console console) {
        Instant deadline = Instant.now().plus(ONLINE_TIMEOUT);
        Set<String> online = Set.of();
        while (Instant.now().isBefore(deadline)) {
            online = new HashSet<>();
            for (JsonNode agent : api.agents()) {
                if ("ONLINE".equals(agent.path("state").asText())) {
                    online.add(agent.path("id").asText());
                }
            }
            if (online.containsAll(QuickstartSettings.AGENTS)) {
                console.detail("the coordinator sees %s ONLINE", String.join(", ", QuickstartSettings.AGENTS));
                return;
            }
            Pause.of(Duration.ofMillis(500));
        }
        throw new QuickstartException("agents not ONLINE at the coordinator after " + ONLINE_TIMEOUT.toMinutes()
                + " min (online: " + online + "); see the agents' and the coordinator's logs");
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new QuickstartException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
