package io.meshlift.k8s;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every check, on the base and on each overlay as rendered. */
class ManifestChecksTest {

    static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void rendersTheWholeDeployment(String kustomization) {
        List<Manifest> manifests = Manifests.render(kustomization);

        assertThat(manifests)
                .extracting(Manifest::kind)
                .contains(
                        "Namespace",
                        "Deployment",
                        "DaemonSet",
                        "Service",
                        "ConfigMap",
                        "NetworkPolicy",
                        "Issuer",
                        "Certificate");
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void everyObjectHasAKnownKindAndParses(String kustomization) {
        assertThat(ObjectChecks.knownKinds(Manifests.render(kustomization))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void everyObjectHasItsRequiredFieldsAndCommonLabels(String kustomization) {
        assertThat(ObjectChecks.requiredFields(Manifests.render(kustomization), Manifests.NAMESPACE))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void workloadSelectorsMatchTheirPodTemplates(String kustomization) {
        assertThat(WorkloadChecks.selectorsMatchTemplates(Manifests.render(kustomization)))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void servicesSelectWorkloadsAndTargetDeclaredPorts(String kustomization) {
        assertThat(ServiceChecks.servicesSelectWorkloads(Manifests.render(kustomization)))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void disruptionBudgetsSelectWorkloads(String kustomization) {
        assertThat(ServiceChecks.disruptionBudgetsSelectWorkloads(Manifests.render(kustomization)))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void everyContainerHasReadinessAndLivenessProbes(String kustomization) {
        assertThat(WorkloadChecks.probesOnEveryContainer(Manifests.render(kustomization)))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void everyContainerRequestsResources(String kustomization) {
        assertThat(WorkloadChecks.resourcesOnEveryContainer(Manifests.render(kustomization)))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void everyContainerRunsNonRootWithoutCapabilities(String kustomization) {
        assertThat(WorkloadChecks.hardenedSecurityContexts(Manifests.render(kustomization)))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void noSecretValuesAreCommitted(String kustomization) {
        assertThat(ObjectChecks.noCommittedSecretData(Manifests.render(kustomization)))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void networkIsDeniedByDefaultWithDnsAllowed(String kustomization) {
        List<Manifest> manifests = Manifests.render(kustomization);

        assertThat(NetworkPolicyChecks.defaultDenyPresent(manifests)).isEmpty();
        assertThat(NetworkPolicyChecks.dnsEgressAllowed(manifests)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void networkPoliciesSelectPodsAndLetExposedPortsIn(String kustomization) {
        List<Manifest> manifests = Manifests.render(kustomization);

        assertThat(NetworkPolicyChecks.policiesSelectPods(manifests)).isEmpty();
        assertThat(NetworkPolicyChecks.exposedPortsAllowedIn(manifests)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void referencedObjectsAreDefinedOrDocumentedAsExternal(String kustomization) {
        Set<ObjectReference> external =
                ExternalObjects.documentedIn(Manifests.k8sDir().resolve("README.md"));

        assertThat(ReferenceChecks.referencesResolve(Manifests.render(kustomization), external))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void agentManifestsMatchTheAgentConfiguration(String kustomization) {
        assertThat(AppConfigChecks.agentMatchesConfig(Manifests.render(kustomization), Manifests.repoDir()))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void coordinatorManifestsMatchTheCoordinatorConfiguration(String kustomization) {
        assertThat(AppConfigChecks.coordinatorMatchesConfig(Manifests.render(kustomization), Manifests.repoDir()))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void meshPkiGivesTheCoordinatorTheIdentityAgentsExpect(String kustomization) {
        List<Manifest> manifests = Manifests.render(kustomization);

        assertThat(PkiChecks.keysArePkcs8(manifests)).isEmpty();
        assertThat(PkiChecks.caIssuersAreBackedByCaCertificates(manifests)).isEmpty();
        assertThat(PkiChecks.coordinatorIdentityMatchesAgents(manifests, Manifests.repoDir()))
                .isEmpty();
    }
}
