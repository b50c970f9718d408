package io.meshlift.core.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.pki.LocalMesh.AgentFiles;

import static io.meshlift.core.pki.PkiFixtures.ALPHA;
import static io.meshlift.core.pki.PkiFixtures.BRAVO;
import static io.meshlift.core.pki.PkiFixtures.CHARLIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMeshTest {

    @TempDir
    Path dir;

    @Test
    void createWritesCaAndAgentFilesWithKeysReadableOnlyByOwner() throws Exception {
        LocalMesh mesh = LocalMesh.create(dir, List.of(ALPHA, BRAVO));

        assertThat(mesh.caCertificate())
                .isEqualTo(dir.toAbsolutePath().resolve("ca.crt"))
                .isRegularFile();
        assertThat(mesh.caKey()).isEqualTo(dir.toAbsolutePath().resolve("ca.key"));
        AgentFiles alpha = mesh.agent(ALPHA);
        assertThat(alpha.certificate()).isEqualTo(dir.toAbsolutePath().resolve("alpha/agent.crt"));
        assertThat(alpha.privateKey()).isEqualTo(dir.toAbsolutePath().resolve("alpha/agent.key"));
        for (Path key :
                List.of(mesh.caKey(), alpha.privateKey(), mesh.agent(BRAVO).privateKey())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        assertThat(mesh.agents()).containsExactly(ALPHA, BRAVO);
    }

    @Test
    void agentCertificatesAreIssuedByTheMeshCaAndMatchTheirKeys() throws Exception {
        LocalMesh mesh = LocalMesh.create(dir, List.of(ALPHA));
        X509Certificate ca = Pem.readCertificate(mesh.caCertificate());
        AgentFiles alpha = mesh.agent(ALPHA);

        X509Certificate certificate = Pem.readCertificate(alpha.certificate());

        certificate.verify(ca.getPublicKey());
        assertThat(AgentIdentities.fromCertificate(certificate)).isEqualTo(ALPHA);
        KeyPairs.requireMatching(Pem.readPrivateKey(alpha.privateKey()), certificate.getPublicKey(), "alpha");
    }

    @Test
    void openAddsAgentsSignedByTheSameCa() throws Exception {
        LocalMesh.create(dir, List.of(ALPHA));

        LocalMesh reopened = LocalMesh.open(dir);
        AgentFiles charlie = reopened.addAgent(CHARLIE);

        Pem.readCertificate(charlie.certificate())
                .verify(Pem.readCertificate(reopened.caCertificate()).getPublicKey());
        assertThat(reopened.agents()).containsExactly(ALPHA, CHARLIE);
    }

    @Test
    void addingAnExistingAgentRotatesItsKeyAndCertificate() {
        LocalMesh mesh = LocalMesh.create(dir, List.of(ALPHA));
        X509Certificate before = Pem.readCertificate(mesh.agent(ALPHA).certificate());

        mesh.addAgent(ALPHA);

        X509Certificate after = Pem.readCertificate(mesh.agent(ALPHA).certificate());
        assertThat(after.getPublicKey()).isNotEqualTo(before.getPublicKey());
        assertThat(AgentIdentities.fromCertificate(after)).isEqualTo(ALPHA);
    }

    @Test
    void refusesToCreateOverAnExistingMesh() {
        LocalMesh.create(dir, List.of());

        assertThatThrownBy(() -> LocalMesh.create(dir, List.of(ALPHA)))
                .isInstanceOf(MeshAlreadyExistsException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString());
    }

    @Test
    void openNamesTheMissingCaFile() {
        assertThatThrownBy(() -> LocalMesh.open(dir))
                .isInstanceOf(PemFileException.class)
                .hasMessageContaining("ca.crt");
    }
}
