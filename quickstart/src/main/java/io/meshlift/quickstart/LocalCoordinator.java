package io.meshlift.quickstart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.core.pki.LocalMesh.AgentFiles;

/**
 * The coordinator on loopback: embedded H2 under {@code coordinator/}, a certificate for the identity agents
 * expect ({@code coordinator}) from a mesh CA generated for this run, enrollment signed by that CA, agent
 * clients created in Keycloak through the provisioner account (its secret in the environment), and agents'
 * control-channel tokens checked against the realm.
 */
final class LocalCoordinator {

    static final String IDENTITY = "coordinator";

    private LocalCoordinator() {}

    static ServiceProcess start(QuickstartSettings settings, WorkDir work, LocalKeycloak keycloak) {
        LocalMesh mesh = LocalMesh.create(work.mesh(), List.of(AgentId.of(IDENTITY)));
        AgentFiles tls = mesh.agent(AgentId.of(IDENTITY));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("coordinator.data-dir", work.coordinatorData().toString());
        properties.put("coordinator.tls.cert", tls.certificate().toString());
        properties.put("coordinator.tls.key", tls.privateKey().toString());
        properties.put("coordinator.tls.ca", mesh.caCertificate().toString());
        properties.put("coordinator.control.host", "127.0.0.1");
        properties.put(
                "coordinator.control.port", Integer.toString(settings.ports().coordinatorControl()));
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(settings.ports().coordinatorHttp()));
        properties.put("MESHLIFT_OIDC_URL", keycloak.realmUrl());
        properties.put("coordinator.ca.cert", mesh.caCertificate().toString());
        properties.put("coordinator.ca.key", mesh.caKey().toString());
        properties.put("coordinator.keycloak.url", keycloak.baseUrl());
        properties.put(
                "quarkus.management.port", Integer.toString(settings.ports().coordinatorManagement()));
        properties.put(
                "coordinator.dashboard.url",
                "http://127.0.0.1:" + settings.ports().coordinatorHttp() + "/dashboard/");
        properties.put("coordinator.control.oidc.issuer", keycloak.realmUrl());
        ServiceProcess coordinator = ServiceProcess.start(
                "coordinator",
                settings.coordinatorRunner(),
                "384m",
                properties,
                Map.of("COORDINATOR_KEYCLOAK_CLIENT_SECRET", keycloak.provisionerSecret()),
                settings.ports().coordinatorHttp(),
                work);
        coordinator.awaitReady();
        return coordinator;
    }
}
