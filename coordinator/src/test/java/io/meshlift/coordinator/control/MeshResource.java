package io.meshlift.coordinator.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;

/**
 * A real mesh CA in a temporary directory, with certificates for the coordinator ({@code coordinator})
 * and the fake agents of the control-channel tests; configures the coordinator's TLS from it.
 */
public class MeshResource implements QuarkusTestResourceLifecycleManager {

    static final List<String> AGENTS = List.of(
            "ctl-a",
            "ctl-b",
            "ctl-hb",
            "ctl-src",
            "ctl-dst-ok",
            "ctl-dst-bad",
            "ctl-dst-replay",
            "ctl-dst-pause",
            "ctl-dst-refuse",
            "ctl-dst-delete",
            "ctl-dst-grant",
            "ctl-src-refusing",
            "ctl-tok-a",
            "ctl-tok-b",
            "ctl-revoked",
            "ctl-witness",
            "ctl-met-dst",
            "ctl-log-dst",
            // DryRunSurveyTest
            "dr-src",
            "dr-dst-1",
            "dr-dst-2",
            "dr-rate-src",
            "dr-rate-dst",
            "dr-err-src",
            "dr-err-dst",
            "dr-mute-src",
            "dr-mute-dst",
            "dr-gone-src",
            "dr-gone-dst");

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("meshlift-control-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalMesh mesh = LocalMesh.create(
                directory,
                Stream.concat(Stream.of("coordinator"), AGENTS.stream())
                        .map(AgentId::of)
                        .toList());
        LocalMesh.AgentFiles coordinator = mesh.agent(AgentId.of("coordinator"));
        return Map.of(
                "coordinator.tls.cert", coordinator.certificate().toString(),
                "coordinator.tls.key", coordinator.privateKey().toString(),
                "coordinator.tls.ca", mesh.caCertificate().toString());
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
