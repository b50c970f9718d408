package io.meshlift.coordinator.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * A real Keycloak (testkit, shared per JVM) and a mesh CA that is both the control channel's trust anchor
 * and the enrollment CA, so enrolled agents can dial the control channel. Agents get certificates only by
 * enrolling.
 */
public class KeycloakMeshResource implements QuarkusTestResourceLifecycleManager {

    static Path meshDirectory;

    @Override
    public Map<String, String> start() {
        try {
            meshDirectory = Files.createTempDirectory("meshlift-keycloak-mesh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalMesh mesh = LocalMesh.create(meshDirectory, List.of(AgentId.of("coordinator")));
        LocalMesh.AgentFiles coordinator = mesh.agent(AgentId.of("coordinator"));
        KeycloakServer keycloak = KeycloakServer.shared();
        Map<String, String> config = new HashMap<>();
        config.put("coordinator.tls.cert", coordinator.certificate().toString());
        config.put("coordinator.tls.key", coordinator.privateKey().toString());
        config.put("coordinator.tls.ca", mesh.caCertificate().toString());
        config.put("coordinator.ca.cert", mesh.caCertificate().toString());
        config.put("coordinator.ca.key", meshDirectory.resolve(LocalMesh.CA_KEY).toString());
        config.put("coordinator.keycloak.url", keycloak.baseUrl());
        config.put("coordinator.keycloak.client-secret", keycloak.clientSecret("meshlift-provisioner"));
        config.put("coordinator.control.oidc.issuer", keycloak.issuer(KeycloakServer.REALM));
        return config;
    }

    @Override
    public void stop() {
        // The shared Keycloak stops with the JVM; the temp mesh is small and left for post-mortems.
    }
}
