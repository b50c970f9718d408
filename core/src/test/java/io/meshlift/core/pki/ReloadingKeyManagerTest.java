package io.meshlift.core.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.pki.LocalMesh.AgentFiles;

import static io.meshlift.core.pki.PkiFixtures.ALPHA;
import static io.meshlift.core.pki.PkiFixtures.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReloadingKeyManagerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private LocalMesh mesh;
    private AgentFiles alpha;
    private ReloadingKeyManager keys;

    @BeforeEach
    void createMesh() {
        mesh = LocalMesh.create(dir, List.of(ALPHA, BRAVO));
        alpha = mesh.agent(ALPHA);
        keys = new ReloadingKeyManager(alpha.certificate(), alpha.privateKey(), clock);
    }

    @Test
    void servesCertificateAndMatchingKeyFromFiles() {
        String alias = keys.chooseServerAlias("EC", null, null);

        assertThat(keys.getCertificateChain(alias)).containsExactly(Pem.readCertificate(alpha.certificate()));
        assertThat(keys.getPrivateKey(alias)).isEqualTo(Pem.readPrivateKey(alpha.privateKey()));
        assertThat(keys.chooseClientAlias(new String[] {"RSA", "EC"}, null, null))
                .isEqualTo(alias);
        assertThat(keys.agentId()).isEqualTo(ALPHA);
    }

    @Test
    void servesNewCertificateAfterFilesChange() {
        String oldAlias = keys.chooseServerAlias("EC", null, null);
        X509Certificate oldCertificate = keys.getCertificateChain(oldAlias)[0];

        mesh.addAgent(ALPHA);
        bumpAndAdvance();
        String newAlias = keys.chooseServerAlias("EC", null, null);

        X509Certificate newCertificate = keys.getCertificateChain(newAlias)[0];
        assertThat(newAlias).isNotEqualTo(oldAlias);
        assertThat(newCertificate)
                .isEqualTo(Pem.readCertificate(alpha.certificate()))
                .isNotEqualTo(oldCertificate);
        assertMatches(keys.getPrivateKey(newAlias), newCertificate);
    }

    @Test
    void handshakeThatPickedTheOldAliasKeepsAMatchingChainAndKey() {
        String oldAlias = keys.chooseServerAlias("EC", null, null);
        X509Certificate oldCertificate = keys.getCertificateChain(oldAlias)[0];

        mesh.addAgent(ALPHA);
        bumpAndAdvance();
        keys.chooseServerAlias("EC", null, null);

        assertThat(keys.getCertificateChain(oldAlias)).containsExactly(oldCertificate);
        assertMatches(keys.getPrivateKey(oldAlias), oldCertificate);
    }

    @Test
    void doesNotLookAtFilesMoreThanOncePerSecond() {
        X509Certificate before = keys.currentChain()[0];

        mesh.addAgent(ALPHA);
        PkiFixtures.touchForward(alpha.certificate(), Duration.ofSeconds(10));
        clock.advance(Duration.ofMillis(500));

        assertThat(keys.currentChain()[0]).isEqualTo(before);
    }

    @Test
    void keepsPreviousMaterialWhenNewCertificateFileIsBroken() throws Exception {
        X509Certificate before = keys.currentChain()[0];

        Files.writeString(alpha.certificate(), "not a certificate");
        bumpAndAdvance();

        assertThat(keys.currentChain()).containsExactly(before);
        String alias = keys.chooseServerAlias("EC", null, null);
        assertMatches(keys.getPrivateKey(alias), before);
    }

    @Test
    void keepsPreviousMaterialUntilKeyAndCertificateMatchAgain() {
        X509Certificate before = keys.currentChain()[0];
        AgentFiles staged = mesh.addAgent(ALPHA);
        X509Certificate next = Pem.readCertificate(staged.certificate());
        // Simulate a rotation caught halfway: new key on disk, old certificate still in place.
        Pem.writeCertificates(alpha.certificate(), List.of(before));
        bumpAndAdvance();
        assertThat(keys.currentChain()).containsExactly(before);

        Pem.writeCertificates(alpha.certificate(), List.of(next));
        bumpAndAdvance();

        assertThat(keys.currentChain()).containsExactly(next);
        assertMatches(keys.getPrivateKey(keys.chooseServerAlias("EC", null, null)), next);
    }

    @Test
    void refusesToTakeOnAnotherAgentsIdentityOnReload() throws Exception {
        AgentFiles bravo = mesh.agent(BRAVO);
        Files.copy(bravo.privateKey(), alpha.privateKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(bravo.certificate(), alpha.certificate(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        bumpAndAdvance();

        assertThat(AgentIdentities.fromCertificate(keys.currentChain()[0])).isEqualTo(ALPHA);
        assertThat(keys.agentId()).isEqualTo(ALPHA);
    }

    @Test
    void offersNoAliasForKeyTypesItDoesNotHold() {
        assertThat(keys.chooseServerAlias("RSA", null, null)).isNull();
        assertThat(keys.chooseClientAlias(new String[] {"RSASSA-PSS"}, null, null))
                .isNull();
        assertThat(keys.getCertificateChain("unknown")).isNull();
        assertThat(keys.getPrivateKey("unknown")).isNull();
    }

    @Test
    void refusesToStartWithKeyOfAnotherCertificate() {
        assertThatThrownBy(() -> new ReloadingKeyManager(
                        alpha.certificate(), mesh.agent(BRAVO).privateKey()))
                .isInstanceOf(KeyMismatchException.class)
                .hasMessageContaining(alpha.certificate().toString());
    }

    @Test
    void refusesToStartWithCertificateWithoutAgentIdentity() {
        assertThatThrownBy(() -> new ReloadingKeyManager(mesh.caCertificate(), mesh.caKey()))
                .isInstanceOf(CertificateIdentityException.class)
                .hasMessageContaining("carries no agent identity");
    }

    private void bumpAndAdvance() {
        PkiFixtures.touchForward(alpha.certificate(), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(1));
    }

    private static void assertMatches(PrivateKey key, X509Certificate certificate) {
        KeyPairs.requireMatching(key, certificate.getPublicKey(), "test certificate");
    }
}
