package io.meshlift.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/** The checks bite: each breaks a copy of the rendered base in memory and expects a violation naming it. */
class BrokenManifestTest {

    private final List<Manifest> manifests = new ArrayList<>(Manifests.render("base"));

    @Test
    void reportsASelectorThatMissesItsPodTemplate() {
        podLabels("Deployment", "meshlift-coordinator").put("app.kubernetes.io/name", "coordinator-typo");

        assertThat(WorkloadChecks.selectorsMatchTemplates(manifests))
                .singleElement(STRING)
                .contains("Deployment/meshlift-coordinator", "does not match pod labels");
    }

    @Test
    void reportsAContainerWithoutReadinessProbe() {
        container("Deployment", "meshlift-coordinator").remove("readinessProbe");

        assertThat(WorkloadChecks.probesOnEveryContainer(manifests))
                .containsExactly("Deployment/meshlift-coordinator (base/coordinator-deployment.yaml) container"
                        + " coordinator: no readinessProbe");
    }

    @Test
    void reportsAContainerWithoutResourceRequests() {
        container("DaemonSet", "meshlift-agent").remove("resources");

        assertThat(WorkloadChecks.resourcesOnEveryContainer(manifests))
                .hasSize(3)
                .allSatisfy(violation -> assertThat(violation).contains("container agent"));
    }

    @Test
    void reportsALatestImageTag() {
        container("Deployment", "meshlift-coordinator").put("image", "meshlift/coordinator:latest");

        assertThat(WorkloadChecks.imagesPinned(manifests))
                .anySatisfy(violation -> assertThat(violation).contains("meshlift/coordinator:latest"));
    }

    @Test
    void reportsACommittedSecret() {
        manifests.addAll(ManifestReader.read("""
                apiVersion: v1
                kind: Secret
                metadata: {name: meshlift-db}
                stringData: {password: not-a-real-one}
                """, "in-memory"));

        assertThat(ObjectChecks.noCommittedSecretData(manifests))
                .singleElement(STRING)
                .contains("Secret/meshlift-db", "stringData", "password");
    }

    @Test
    void reportsAServiceTargetingAnUndeclaredPort() {
        ObjectNode port = (ObjectNode)
                find("Service", "meshlift-coordinator").spec().path("ports").get(0);
        port.put("targetPort", "https");

        assertThat(ServiceChecks.servicesSelectWorkloads(manifests))
                .singleElement(STRING)
                .contains("targets https");
    }

    @Test
    void reportsAServiceSelectingNoPods() {
        ((ObjectNode) find("Service", "keycloak").spec().path("selector")).put("app.kubernetes.io/name", "kc");

        assertThat(ServiceChecks.servicesSelectWorkloads(manifests))
                .singleElement(STRING)
                .contains("Service/keycloak", "matches no workload");
    }

    @Test
    void reportsAMissingDefaultDeny() {
        manifests.remove(find("NetworkPolicy", "default-deny-all"));

        assertThat(NetworkPolicyChecks.defaultDenyPresent(manifests)).isNotEmpty();
    }

    @Test
    void reportsAnExposedPortThatNoPolicyLetsIn() {
        manifests.remove(find("NetworkPolicy", "agent-peers"));

        assertThat(NetworkPolicyChecks.exposedPortsAllowedIn(manifests))
                .singleElement(STRING)
                .contains("DaemonSet/meshlift-agent", "port peer (7443)");
    }

    @Test
    void reportsAnOutdatedApiVersion() {
        manifests.addAll(ManifestReader.read("""
                apiVersion: policy/v1beta1
                kind: PodDisruptionBudget
                metadata: {name: old}
                spec: {minAvailable: 1}
                """, "in-memory"));

        assertThat(ObjectChecks.knownKinds(manifests))
                .containsExactly(
                        "PodDisruptionBudget/old (in-memory): unknown apiVersion/kind policy/v1beta1/PodDisruptionBudget");
    }

    @Test
    void reportsAMisspeltField() {
        ObjectNode container = container("Deployment", "meshlift-coordinator");
        container.set("readinesProbe", container.remove("readinessProbe"));

        assertThat(ObjectChecks.knownKinds(manifests))
                .containsExactly("Deployment/meshlift-coordinator (base/coordinator-deployment.yaml): unknown field"
                        + " .spec.template.spec.containers[0].readinesProbe");
    }

    @Test
    void reportsAMissingCommonLabel() {
        ((ObjectNode) find("Service", "keycloak").tree().path("metadata").path("labels"))
                .remove("app.kubernetes.io/part-of");

        assertThat(ObjectChecks.requiredFields(manifests, Manifests.NAMESPACE))
                .containsExactly("Service/keycloak (base/keycloak-service.yaml): metadata lacks label"
                        + " app.kubernetes.io/part-of");
    }

    @Test
    void reportsAPeerPortThatDisagreesWithTheAgentConfiguration() {
        ObjectNode data =
                (ObjectNode) find("ConfigMap", "meshlift-agent-config").tree().path("data");
        data.put(
                "application.properties",
                data.path("application.properties").asText().replace("agent.peer.port=7443", "agent.peer.port=7445"));

        assertThat(AppConfigChecks.agentMatchesConfig(manifests, Manifests.repoDir()))
                .anySatisfy(
                        violation -> assertThat(violation).contains("port 'peer' is 7443 but agent.peer.port is 7445"));
    }

    @Test
    void reportsAConfigFileOnNoMount() {
        ObjectNode data = (ObjectNode)
                find("ConfigMap", "meshlift-coordinator-config").tree().path("data");
        data.put(
                "application.properties",
                data.path("application.properties").asText().replace("/etc/meshlift/tls/tls.key", "/opt/keys/tls.key"));

        assertThat(AppConfigChecks.coordinatorMatchesConfig(manifests, Manifests.repoDir()))
                .containsExactly("Deployment/meshlift-coordinator (base/coordinator-deployment.yaml) container"
                        + " coordinator: coordinator.tls.key=/opt/keys/tls.key is on no volume mount");
    }

    @Test
    void reportsMetricsOnLoopbackThatPrometheusCannotScrape() {
        ObjectNode data = (ObjectNode)
                find("ConfigMap", "meshlift-coordinator-config").tree().path("data");
        data.put(
                "application.properties",
                data.path("application.properties")
                        .asText()
                        .replace("quarkus.management.host=0.0.0.0", "quarkus.management.host=127.0.0.1"));

        assertThat(AppConfigChecks.coordinatorMatchesConfig(manifests, Manifests.repoDir()))
                .singleElement(STRING)
                .contains("quarkus.management.host is loopback");
    }

    @Test
    void reportsAScrapeAnnotationNamingAnotherPort() {
        ((ObjectNode) find("DaemonSet", "meshlift-agent")
                        .spec()
                        .path("template")
                        .path("metadata")
                        .path("annotations"))
                .put("prometheus.io/port", "9464");

        assertThat(AppConfigChecks.agentMatchesConfig(manifests, Manifests.repoDir()))
                .singleElement(STRING)
                .contains("prometheus.io/scrape, /port, /path must be true, 9465 and /q/metrics");
    }

    @Test
    void reportsAnUndocumentedSecretReference() {
        ObjectNode env = (ObjectNode)
                container("Deployment", "meshlift-coordinator").path("env").get(0);
        ((ObjectNode) env.path("valueFrom").path("secretKeyRef")).put("name", "meshlift-db-typo");
        Set<ObjectReference> external =
                ExternalObjects.documentedIn(Manifests.k8sDir().resolve("README.md"));

        assertThat(ReferenceChecks.referencesResolve(manifests, external))
                .anySatisfy(violation -> assertThat(violation).contains("Secret/meshlift-db-typo", "neither defined"));
    }

    @Test
    void reportsACoordinatorCertificateAgentsWouldRefuse() {
        ObjectNode spec =
                (ObjectNode) find("Certificate", "meshlift-coordinator-control").spec();
        spec.putArray("uris").add("urn:meshlift:agent:meshlift-coordinator");

        assertThat(PkiChecks.coordinatorIdentityMatchesAgents(manifests, Manifests.repoDir()))
                .singleElement(STRING)
                .contains("expected exactly the URI urn:meshlift:agent:coordinator");
    }

    @Test
    void reportsAKeyEncodingTheMeshCannotRead() {
        ((ObjectNode) find("Certificate", "meshlift-mesh-ca").spec().path("privateKey")).remove("encoding");

        assertThat(PkiChecks.keysArePkcs8(manifests)).singleElement(STRING).contains("Certificate/meshlift-mesh-ca");
    }

    @Test
    void reportsAHostNetworkAgentThatCannotResolveTheCoordinator() {
        ((ObjectNode) find("DaemonSet", "meshlift-agent")
                        .spec()
                        .path("template")
                        .path("spec"))
                .remove("dnsPolicy");

        assertThat(AppConfigChecks.agentMatchesConfig(manifests, Manifests.repoDir()))
                .singleElement(STRING)
                .contains("ClusterFirstWithHostNet");
    }

    private Manifest find(String kind, String name) {
        return manifests.stream()
                .filter(m -> m.is(kind) && m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private ObjectNode podLabels(String kind, String name) {
        return (ObjectNode)
                find(kind, name).spec().path("template").path("metadata").path("labels");
    }

    private ObjectNode container(String kind, String name) {
        return (ObjectNode) find(kind, name)
                .spec()
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }
}
