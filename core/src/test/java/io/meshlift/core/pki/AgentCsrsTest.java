package io.meshlift.core.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCsrsTest {

    @Test
    void buildsACsrTheMeshCaSignsForExactlyThatAgent() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = AgentCsrs.build(PkiFixtures.ALPHA, keys);
        CertificateAuthority ca = CertificateAuthority.create("csr test");

        X509Certificate certificate =
                ca.signCsr(Pem.parseCsr(Pem.encodeCsr(csr), "csr"), PkiFixtures.ALPHA, Duration.ofDays(1));

        assertThat(AgentIdentities.fromCertificate(certificate)).isEqualTo(PkiFixtures.ALPHA);
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThatThrownBy(() -> ca.signCsr(csr, PkiFixtures.BRAVO, Duration.ofDays(1)))
                .isInstanceOf(CsrRejectedException.class);
    }
}
