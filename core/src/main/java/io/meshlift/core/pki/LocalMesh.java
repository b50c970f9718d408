package io.meshlift.core.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A mesh PKI in a local directory, for tests and the local quickstart (on Kubernetes, cert-manager
 * issues certificates instead). Layout:
 *
 * <pre>
 * dir/ca.crt            mesh CA certificate (0644)
 * dir/ca.key            mesh CA private key (0600)
 * dir/&lt;id&gt;/agent.crt    agent certificate (0644)
 * dir/&lt;id&gt;/agent.key    agent private key (0600)
 * </pre>
 *
 * <p>All keys are generated at run time; none is ever committed. Agent ids are safe directory names
 * (see {@link AgentId}), so an id cannot escape {@code dir}.
 */
public final class LocalMesh {

    /** File name of the CA certificate inside the mesh directory. */
    public static final String CA_CERTIFICATE = "ca.crt";
    /** File name of the CA private key inside the mesh directory. */
    public static final String CA_KEY = "ca.key";
    /** File name of an agent certificate inside its directory. */
    public static final String AGENT_CERTIFICATE = "agent.crt";
    /** File name of an agent private key inside its directory. */
    public static final String AGENT_KEY = "agent.key";

    private final Path directory;
    private final CertificateAuthority authority;

    private LocalMesh(Path directory, CertificateAuthority authority) {
        this.directory = directory;
        this.authority = authority;
    }

    /**
     * Paths of one agent's files.
     *
     * @param id the agent
     * @param certificate its certificate file
     * @param privateKey its private key file
     */
    public record AgentFiles(AgentId id, Path certificate, Path privateKey) {}

    /**
     * Creates a new CA in {@code directory} (created if missing) and issues certificates for {@code
     * agents}.
     *
     * @throws MeshAlreadyExistsException if the directory already holds a CA certificate or key
     */
    public static LocalMesh create(Path directory, List<AgentId> agents) {
        Path dir = directory.toAbsolutePath();
        if (Files.exists(dir.resolve(CA_CERTIFICATE)) || Files.exists(dir.resolve(CA_KEY))) {
            throw new MeshAlreadyExistsException(dir);
        }
        CertificateAuthority authority = CertificateAuthority.create("Meshlift local mesh CA");
        authority.write(dir.resolve(CA_CERTIFICATE), dir.resolve(CA_KEY));
        LocalMesh mesh = new LocalMesh(dir, authority);
        agents.forEach(mesh::addAgent);
        return mesh;
    }

    /**
     * Opens an existing mesh directory, e.g. to add agents later.
     *
     * @throws PemFileException if {@code ca.crt} or {@code ca.key} is missing or malformed
     */
    public static LocalMesh open(Path directory) {
        Path dir = directory.toAbsolutePath();
        return new LocalMesh(dir, CertificateAuthority.load(dir.resolve(CA_CERTIFICATE), dir.resolve(CA_KEY)));
    }

    /**
     * Generates a fresh key and certificate for {@code id} (default validity) and writes them. If the
     * agent already has files they are replaced, which is how the quickstart rotates an agent's key;
     * the key is written before the certificate so a reloading reader never pairs a new certificate
     * with an old key for longer than one reload.
     */
    public AgentFiles addAgent(AgentId id) {
        AgentFiles files = agent(id);
        KeyPair pair = KeyPairs.generateEcP256();
        X509Certificate certificate = authority.issueAgentCertificate(id, pair.getPublic());
        Pem.writePrivateKey(files.privateKey(), pair.getPrivate());
        Pem.writeCertificates(files.certificate(), List.of(certificate));
        return files;
    }

    /** The file paths {@code id} uses in this mesh, whether or not they exist yet. */
    public AgentFiles agent(AgentId id) {
        Path agentDir = directory.resolve(id.value());
        return new AgentFiles(id, agentDir.resolve(AGENT_CERTIFICATE), agentDir.resolve(AGENT_KEY));
    }

    /** Agents that have a certificate in this mesh, sorted by id. */
    public List<AgentId> agents() {
        List<AgentId> agents = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            children.filter(child -> Files.isRegularFile(child.resolve(AGENT_CERTIFICATE)))
                    .map(child -> child.getFileName().toString())
                    .filter(name -> name.matches(AgentId.RULE))
                    .map(AgentId::of)
                    .sorted()
                    .forEach(agents::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list agents in " + directory, e);
        }
        return agents;
    }

    /** The mesh directory (absolute). */
    public Path directory() {
        return directory;
    }

    /** The CA certificate file, what every agent's trust manager loads. */
    public Path caCertificate() {
        return directory.resolve(CA_CERTIFICATE);
    }

    /** The CA private key file. */
    public Path caKey() {
        return directory.resolve(CA_KEY);
    }

    /** The mesh CA, for issuing further certificates in tests. */
    public CertificateAuthority authority() {
        return authority;
    }
}
