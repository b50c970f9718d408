package io.meshlift.coordinator.enrollment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.meshlift.core.pki.CertificateAuthority;

/** A fresh mesh CA in a temporary directory, configured as the coordinator's enrollment CA. */
public class MeshCaResource implements QuarkusTestResourceLifecycleManager {

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("meshlift-enrollment-ca");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path cert = directory.resolve("ca.crt");
        Path key = directory.resolve("ca.key");
        CertificateAuthority.create("Meshlift enrollment test CA").write(cert, key);
        return Map.of("coordinator.ca.cert", cert.toString(), "coordinator.ca.key", key.toString());
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
