package io.meshlift.agent.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;

/**
 * An agent "alpha" with volumes {@code src} and {@code dst} in a temporary directory, linked to a
 * coordinator on a free loopback port. Quarkus loads the test profile and the test in different
 * class loaders, so each has its own copy of this class; the directory and port live in system
 * properties so both see the same ones.
 */
final class LinkFixture {

    static final AgentId AGENT = AgentId.of("alpha");
    static final AgentId COORDINATOR = AgentId.of("coordinator");
    static final AgentId IMPOSTOR = AgentId.of("impostor");
    private static final String DIR = "meshlift.test.coordinator-link.dir";
    private static final String PORT = "meshlift.test.coordinator-link.port";

    static synchronized Path dir() {
        String existing = System.getProperty(DIR);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path dir = Files.createTempDirectory("meshlift-link-test");
            LocalMesh.create(dir.resolve("mesh"), List.of(AGENT, COORDINATOR, IMPOSTOR));
            Files.createDirectories(dir.resolve("src"));
            Files.createDirectories(dir.resolve("dst"));
            try (ServerSocket socket = new ServerSocket(0)) {
                System.setProperty(PORT, Integer.toString(socket.getLocalPort()));
            }
            System.setProperty(DIR, dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int coordinatorPort() {
        dir();
        return Integer.parseInt(System.getProperty(PORT));
    }

    static LocalMesh mesh() {
        return LocalMesh.open(dir().resolve("mesh"));
    }

    private LinkFixture() {}

    static Map<String, String> config() {
        Path dir = dir();
        LocalMesh.AgentFiles alpha = mesh().agent(AGENT);
        return Map.ofEntries(
                Map.entry("agent.id", AGENT.toString()),
                Map.entry("agent.volumes.src", dir.resolve("src").toString()),
                Map.entry("agent.volumes.dst", dir.resolve("dst").toString()),
                Map.entry("agent.state-dir", dir.resolve("state").toString()),
                Map.entry("agent.tls.cert", alpha.certificate().toString()),
                Map.entry("agent.tls.key", alpha.privateKey().toString()),
                Map.entry(
                        "agent.tls.ca",
                        dir.resolve("mesh").resolve(LocalMesh.CA_CERTIFICATE).toString()),
                Map.entry("agent.peer.host", "127.0.0.1"),
                Map.entry("agent.peer.port", "0"),
                Map.entry("agent.coordinator.address", "127.0.0.1:" + coordinatorPort()),
                Map.entry("agent.coordinator.reconnect-initial-backoff", "50ms"),
                Map.entry("agent.coordinator.reconnect-max-backoff", "300ms"),
                Map.entry("agent.coordinator.progress-interval", "200ms"),
                Map.entry("quarkus.http.test-port", "0"));
    }
}
