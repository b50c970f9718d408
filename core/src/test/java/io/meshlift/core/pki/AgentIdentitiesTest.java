package io.meshlift.core.pki;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentIdentitiesTest {

    @Test
    void readsTheSingleAgentUri() {
        var certificate = PkiFixtures.certificateWithSanUris(List.of("urn:meshlift:agent:db-1"));

        assertThat(AgentIdentities.fromCertificate(certificate)).isEqualTo(AgentId.of("db-1"));
    }

    @Test
    void ignoresUnrelatedUris() {
        var certificate = PkiFixtures.certificateWithSanUris(
                List.of("https://example.org/", "urn:meshlift:agent:db-1", "spiffe://mesh/x"));

        assertThat(AgentIdentities.fromCertificate(certificate)).isEqualTo(AgentId.of("db-1"));
    }

    @Test
    void refusesCertificateWithoutIdentity() {
        var certificate = PkiFixtures.certificateWithSanUris(List.of());

        assertThatThrownBy(() -> AgentIdentities.fromCertificate(certificate))
                .isInstanceOf(CertificateIdentityException.class)
                .hasMessageContaining("carries no agent identity");
    }

    @Test
    void refusesCertificateWithTwoIdentities() {
        var certificate =
                PkiFixtures.certificateWithSanUris(List.of("urn:meshlift:agent:db-1", "urn:meshlift:agent:db-2"));

        assertThatThrownBy(() -> AgentIdentities.fromCertificate(certificate))
                .isInstanceOf(CertificateIdentityException.class)
                .hasMessageContaining("2 agent identities");
    }

    @Test
    void countsDifferentlyCasedClaimsAndRefusesThem() {
        var certificate =
                PkiFixtures.certificateWithSanUris(List.of("urn:meshlift:agent:db-1", "URN:MESHLIFT:AGENT:db-2"));

        assertThatThrownBy(() -> AgentIdentities.fromCertificate(certificate))
                .isInstanceOf(CertificateIdentityException.class)
                .hasMessageContaining("2 agent identities");
    }

    @Test
    void refusesMalformedIdentity() {
        var certificate = PkiFixtures.certificateWithSanUris(List.of("urn:meshlift:agent:DB_1"));

        assertThatThrownBy(() -> AgentIdentities.fromCertificate(certificate))
                .isInstanceOf(CertificateIdentityException.class)
                .hasMessageContaining("malformed agent identity")
                .hasMessageContaining("urn:meshlift:agent:DB_1");
    }

    @Test
    void refusesNonCanonicalPrefix() {
        var certificate = PkiFixtures.certificateWithSanUris(List.of("URN:meshlift:agent:db-1"));

        assertThatThrownBy(() -> AgentIdentities.fromCertificate(certificate))
                .isInstanceOf(CertificateIdentityException.class)
                .hasMessageContaining("malformed agent identity");
    }

    @Test
    void buildsTheUriForAnId() {
        assertThat(AgentIdentities.uriOf(AgentId.of("db-1"))).isEqualTo("urn:meshlift:agent:db-1");
    }
}
