package io.meshlift.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * The cert-manager objects fit the mesh: PKCS#8 keys (the only encoding core's Pem reads), a CA
 * Issuer backed by a CA Certificate, and a coordinator certificate whose only identity is the one
 * agents expect ({@code urn:meshlift:agent:} + {@code agent.coordinator.identity}).
 */
final class PkiChecks {

    static final String IDENTITY_PREFIX = "urn:meshlift:agent:";

    private PkiChecks() {}

    static List<String> keysArePkcs8(List<Manifest> manifests) {
        return certificates(manifests)
                .filter(cert -> !"PKCS8"
                        .equals(cert.spec().path("privateKey").path("encoding").asText()))
                .map(cert -> cert.describe() + ": privateKey.encoding is not PKCS8, which the mesh cannot read")
                .toList();
    }

    static List<String> caIssuersAreBackedByCaCertificates(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        manifests.stream()
                .filter(m ->
                        (m.is("Issuer") || m.is("ClusterIssuer")) && m.spec().has("ca"))
                .forEach(issuer -> {
                    String secret = issuer.spec().path("ca").path("secretName").asText();
                    boolean backed = certificates(manifests)
                            .anyMatch(cert -> cert.spec().path("isCA").asBoolean()
                                    && secret.equals(
                                            cert.spec().path("secretName").asText()));
                    if (!backed) {
                        violations.add(
                                issuer.describe() + ": CA Secret " + secret + " is no CA Certificate's secretName");
                    }
                });
        return violations;
    }

    /** The certificate mounted as coordinator.tls.cert names exactly the identity agents expect. */
    static List<String> coordinatorIdentityMatchesAgents(List<Manifest> manifests, Path repo) {
        DeployedApp coordinator = AppConfigChecks.coordinator(manifests, repo);
        String expected = IDENTITY_PREFIX
                + AppConfigChecks.agent(manifests, repo)
                        .config()
                        .get("agent.coordinator.identity")
                        .orElse("coordinator");
        Optional<String> certFile = coordinator.config().get("coordinator.tls.cert");
        if (certFile.isEmpty()) {
            return List.of(coordinator.describe() + ": coordinator.tls.cert is not set");
        }
        String directory = Path.of(certFile.get()).getParent().toString();
        Optional<String> secret =
                coordinator.volumeMountedAt(directory).map(Volume::getSecret).map(s -> s.getSecretName());
        if (secret.isEmpty()) {
            return List.of(coordinator.describe() + ": " + directory + " is not a Secret volume");
        }
        Optional<Manifest> certificate = certificates(manifests)
                .filter(cert ->
                        secret.get().equals(cert.spec().path("secretName").asText()))
                .findFirst();
        if (certificate.isEmpty()) {
            return List.of(coordinator.describe() + ": Secret " + secret.get() + " is issued by no Certificate");
        }
        List<String> uris = new ArrayList<>();
        certificate.get().spec().path("uris").forEach(uri -> uris.add(uri.asText()));
        JsonNode dnsNames = certificate.get().spec().path("dnsNames");
        if (!uris.equals(List.of(expected)) || !dnsNames.isEmpty()) {
            return List.of(certificate.get().describe() + ": SANs " + uris + " " + dnsNames
                    + ", expected exactly the URI " + expected + " (agent.coordinator.identity)");
        }
        return List.of();
    }

    private static Stream<Manifest> certificates(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.is("Certificate"));
    }
}
