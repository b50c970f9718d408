package io.meshlift.core.pki;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the mesh: a peer is accepted only if
 *
 * <ol>
 *   <li>the handshake (when the JDK exposes it) negotiated TLSv1.3,
 *   <li>its chain validates (JDK PKIX, at the current time) to a CA certificate from the mesh CA file,
 *       and that CA certificate is itself within its validity window,
 *   <li>its leaf is an end-entity certificate with digitalSignature usage (if KeyUsage is present)
 *       and the ExtendedKeyUsage for its role (clientAuth when checking clients, serverAuth when
 *       checking servers),
 *   <li>its leaf carries exactly one agent identity ({@link AgentIdentities}),
 *   <li>that identity is not in the revoked set, and
 *   <li>if this manager expects a specific peer, that identity equals it. This replaces hostname
 *       verification: agents are named by identity, not by DNS.
 * </ol>
 *
 * <p>PKIX revocation checking (CRL/OCSP) is off; the revoked set, read from its supplier on every
 * handshake, is the mesh's revocation mechanism. A supplier that fails or returns null refuses the
 * peer (fail closed). There is no accept-all mode and no trust-on-first-use.
 *
 * <p>Every handshake session this manager sees (socket and engine variants) is invalidated, so no
 * session is ever resumed: TLS 1.3 resumption would skip this manager and let a revoked agent, or
 * one from a rotated-out CA, reconnect on an old session ticket. The cost is a full handshake per
 * connection, which long-lived gRPC connections barely notice.
 *
 * <p>The CA file is re-read when it changes (checked at most once per second, on handshakes and
 * {@link #getAcceptedIssuers()}), so CA rotation needs no restart. A file that fails to load keeps
 * the previous CA certificates and logs a warning. Thread-safe.
 */
public final class MeshTrustManager extends X509ExtendedTrustManager {

    private static final System.Logger LOG = System.getLogger(MeshTrustManager.class.getName());
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final Path caFile;
    private final Supplier<Set<AgentId>> revokedAgents;
    private final AgentId expectedPeer;
    private final Clock clock;
    private final FileChangeMonitor monitor;
    private volatile MeshCaCertificates cas;

    MeshTrustManager(Path caFile, Supplier<Set<AgentId>> revokedAgents, AgentId expectedPeer, Clock clock) {
        this.caFile = caFile.toAbsolutePath();
        this.revokedAgents = Objects.requireNonNull(revokedAgents, "revokedAgents");
        this.expectedPeer = expectedPeer;
        this.clock = clock;
        this.monitor = new FileChangeMonitor(clock, List.of(this.caFile));
        this.cas = MeshCaCertificates.load(this.caFile);
    }

    /**
     * A trust manager accepting any non-revoked mesh agent, for servers (and for clients that do not
     * dial a specific agent).
     *
     * @throws PemFileException if the CA file cannot be read
     * @throws InvalidCertificateAuthorityException if it holds a non-CA certificate
     */
    public static MeshTrustManager acceptingAnyAgent(Path caFile, Supplier<Set<AgentId>> revokedAgents) {
        return new MeshTrustManager(caFile, revokedAgents, null, Clock.systemUTC());
    }

    /**
     * A trust manager for a client dialling {@code expectedPeer}: the remote certificate must name
     * exactly that agent. (Applied in both directions, so it also restricts a server to one client.)
     */
    public static MeshTrustManager expectingPeer(
            Path caFile, Supplier<Set<AgentId>> revokedAgents, AgentId expectedPeer) {
        return new MeshTrustManager(
                caFile, revokedAgents, Objects.requireNonNull(expectedPeer, "expectedPeer"), Clock.systemUTC());
    }

    /** The agent this manager requires the peer to be, if any. */
    public Optional<AgentId> expectedPeer() {
        return Optional.ofNullable(expectedPeer);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, CLIENT_AUTH, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, CLIENT_AUTH, handshakeSession(socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, CLIENT_AUTH, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, SERVER_AUTH, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, SERVER_AUTH, handshakeSession(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, SERVER_AUTH, engine == null ? null : engine.getHandshakeSession());
    }

    /** The current mesh CA certificates; servers advertise them as acceptable client issuers. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        reloadIfChanged();
        return cas.certificates().toArray(X509Certificate[]::new);
    }

    /**
     * Validates {@code chain} with the checks of the class documentation; {@code extendedKeyUsage}
     * is the role the peer must be certified for.
     */
    private void check(X509Certificate[] chain, String extendedKeyUsage, SSLSession handshake)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("Empty peer certificate chain");
        }
        if (handshake != null) {
            // A resumed session skips the trust manager, so a peer revoked (or a CA rotated out)
            // after its first handshake could keep reconnecting on a session ticket. Invalidating
            // the session before it is established makes the JDK neither cache it nor issue tickets;
            // every connection then gets a full handshake and passes through this check.
            handshake.invalidate();
        }
        if (handshake != null && !MeshTls.TLS_1_3.equals(handshake.getProtocol())) {
            throw new CertificateException(
                    "Refusing " + handshake.getProtocol() + " handshake: the mesh requires " + MeshTls.TLS_1_3);
        }
        reloadIfChanged();
        Date now = Date.from(clock.instant());
        validatePath(chain, cas, now);
        X509Certificate leaf = chain[0];
        checkLeafUsage(leaf, extendedKeyUsage);
        AgentId peer;
        try {
            peer = AgentIdentities.fromCertificate(leaf);
        } catch (CertificateIdentityException e) {
            throw new CertificateException(e.getMessage(), e);
        }
        Set<AgentId> revoked;
        try {
            revoked = revokedAgents.get();
        } catch (RuntimeException e) {
            throw new CertificateException("Cannot check revocation of agent " + peer + ": " + e, e);
        }
        if (revoked == null) {
            throw new CertificateException("Cannot check revocation of agent " + peer + ": no revoked set");
        }
        if (revoked.contains(peer)) {
            throw new CertificateException("Agent " + peer + " is revoked");
        }
        if (expectedPeer != null && !expectedPeer.equals(peer)) {
            throw new CertificateException(
                    "Peer identity mismatch: expected agent " + expectedPeer + " but the certificate is for " + peer);
        }
    }

    private static void validatePath(X509Certificate[] chain, MeshCaCertificates cas, Date now)
            throws CertificateException {
        // Peers may append the CA certificate itself; PKIX wants the path without its anchor.
        List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
        while (!path.isEmpty() && cas.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        String subject = Printable.quote(chain[0].getSubjectX500Principal().getName());
        if (path.isEmpty()) {
            throw new CertificateException("Peer presented only the mesh CA certificate, not an agent certificate");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(cas.anchors());
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            try {
                // PKIX treats anchors as timeless; an expired mesh CA must not keep vouching for agents.
                anchor.checkValidity(now);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new CertificateException(
                        "Mesh CA certificate "
                                + Printable.quote(
                                        anchor.getSubjectX500Principal().getName()) + " in " + cas.file()
                                + " is not valid at " + now.toInstant() + " (" + e.getMessage() + ")",
                        e);
            }
        } catch (CertPathValidatorException e) {
            throw new CertificateException(
                    "Certificate " + subject + " is not trusted by the mesh CA in " + cas.file() + " (" + e.getReason()
                            + ": " + e.getMessage() + ")",
                    e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("Cannot validate certificate " + subject + ": " + e.getMessage(), e);
        }
    }

    private static void checkLeafUsage(X509Certificate leaf, String extendedKeyUsage) throws CertificateException {
        String subject = Printable.quote(leaf.getSubjectX500Principal().getName());
        if (leaf.getBasicConstraints() >= 0) {
            throw new CertificateException("Certificate " + subject + " is a CA certificate, not an agent certificate");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new CertificateException("Certificate " + subject + " lacks the digitalSignature key usage");
        }
        List<String> extended = leaf.getExtendedKeyUsage();
        if (extended == null || !extended.contains(extendedKeyUsage)) {
            String role = SERVER_AUTH.equals(extendedKeyUsage) ? "serverAuth" : "clientAuth";
            throw new CertificateException("Certificate " + subject + " lacks the " + role + " extended key usage");
        }
    }

    private void reloadIfChanged() {
        if (!monitor.pollChanged()) {
            return;
        }
        try {
            MeshCaCertificates loaded = MeshCaCertificates.load(caFile);
            cas = loaded;
            LOG.log(
                    System.Logger.Level.INFO,
                    "Reloaded mesh CA from {0}: {1} certificate(s)",
                    caFile,
                    loaded.certificates().size());
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Keeping previous mesh CA: cannot reload {0}: {1}",
                    caFile,
                    e.getMessage());
        }
    }

    private static SSLSession handshakeSession(Socket socket) {
        return socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
    }
}
