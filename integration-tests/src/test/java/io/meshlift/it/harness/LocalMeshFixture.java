package io.meshlift.it.harness;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.CertificateAuthority;
import io.meshlift.core.pki.KeyPairs;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.core.pki.LocalMesh.AgentFiles;
import io.meshlift.core.pki.Pem;

/** A fresh mesh CA and agent certificates for one test class, generated at run time. */
public final class LocalMeshFixture {

    private final LocalMesh mesh;

    private LocalMeshFixture(LocalMesh mesh) {
        this.mesh = mesh;
    }

    public static LocalMeshFixture create(Path directory, String... agents) {
        List<AgentId> ids = Arrays.stream(agents).map(AgentId::of).toList();
        return new LocalMeshFixture(LocalMesh.create(directory, ids));
    }

    public AgentFiles agent(String id) {
        return mesh.agent(AgentId.of(id));
    }

    /** Issues (or re-issues) a certificate for {@code id} from the mesh CA. */
    public AgentFiles addAgent(String id) {
        return mesh.addAgent(AgentId.of(id));
    }

    public Path caCertificate() {
        return mesh.caCertificate();
    }

    public Path caKey() {
        return mesh.caKey();
    }

    public CertificateAuthority authority() {
        return mesh.authority();
    }

    /**
     * Writes a certificate for {@code id} signed by the mesh CA but valid only in the given window
     * (e.g. one that ended yesterday), with its key, under {@code directory}.
     */
    public AgentFiles issueWithValidity(String id, Instant notBefore, Instant notAfter, Path directory) {
        KeyPair pair = KeyPairs.generateEcP256();
        X509Certificate certificate =
                mesh.authority().issueAgentCertificate(AgentId.of(id), pair.getPublic(), notBefore, notAfter);
        return write(id, pair, certificate, directory);
    }

    static AgentFiles write(String id, KeyPair pair, X509Certificate certificate, Path directory) {
        AgentFiles files = new AgentFiles(
                AgentId.of(id), directory.resolve(LocalMesh.AGENT_CERTIFICATE), directory.resolve(LocalMesh.AGENT_KEY));
        Pem.writePrivateKey(files.privateKey(), pair.getPrivate());
        Pem.writeCertificates(files.certificate(), List.of(certificate));
        return files;
    }

    /**
     * Writes an agent certificate for {@code id} from a CA that has nothing to do with this mesh (same
     * shape, same identity, wrong issuer).
     */
    public static AgentFiles issueFromForeignCa(String id, Path directory) {
        CertificateAuthority foreign = CertificateAuthority.create("Some other mesh CA");
        KeyPair pair = KeyPairs.generateEcP256();
        X509Certificate certificate = foreign.issueAgentCertificate(AgentId.of(id), pair.getPublic());
        return write(id, pair, certificate, directory);
    }
}
