package io.meshlift.core.pki;

import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves this agent's certificate chain and private key from PEM files, re-reading them when either
 * file changes (checked at most once per second, when a handshake picks a key), so certificate
 * rotation needs no restart.
 *
 * <p>New material is used only if it is complete and consistent: the chain parses, the key belongs
 * to the leaf, and the leaf carries the same agent identity as before (a process never changes who
 * it is). Otherwise the previous material stays in use and a warning is logged; key material is
 * never logged. Writers should replace the key file before the certificate file, atomically (as
 * {@link LocalMesh} does); a half-finished rotation is simply retried on the next change.
 *
 * <p>Each reload gets a new alias. A handshake that picked an alias keeps getting the chain and key
 * of that alias even if a reload happens in between, so chain and key always match (the previous
 * generation stays resolvable). Thread-safe.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final System.Logger LOG = System.getLogger(ReloadingKeyManager.class.getName());
    private static final String ALIAS_PREFIX = "meshlift-agent-";

    private record Material(String alias, AgentId agent, X509Certificate[] chain, PrivateKey key) {}

    private final Path certificateFile;
    private final Path keyFile;
    private final FileChangeMonitor monitor;
    private final AtomicLong generation = new AtomicLong();
    private volatile Material current;
    private volatile Material previous;

    /**
     * Loads the initial material.
     *
     * @throws PemFileException if a file is missing or malformed
     * @throws KeyMismatchException if the key does not belong to the certificate
     * @throws CertificateIdentityException if the certificate does not carry exactly one agent id
     */
    public ReloadingKeyManager(Path certificateFile, Path keyFile) {
        this(certificateFile, keyFile, Clock.systemUTC());
    }

    ReloadingKeyManager(Path certificateFile, Path keyFile, Clock clock) {
        this.certificateFile = certificateFile.toAbsolutePath();
        this.keyFile = keyFile.toAbsolutePath();
        this.monitor = new FileChangeMonitor(clock, List.of(this.certificateFile, this.keyFile));
        this.current = load(null);
    }

    /** The identity this agent presents; fixed for the life of the manager. */
    public AgentId agentId() {
        return current.agent();
    }

    /** The chain currently served, leaf first. */
    public X509Certificate[] currentChain() {
        return reloadIfChanged().chain().clone();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasesFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliasesFor(keyType);
    }

    /**
     * Picks our alias if any requested key type fits our key. Requested issuers are not filtered on:
     * an agent has one identity, and a server that does not trust its CA should say so itself.
     */
    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseAlias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseAlias(keyTypes);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return chooseAlias(new String[] {keyType});
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseAlias(new String[] {keyType});
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Material material = byAlias(alias);
        return material == null ? null : material.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Material material = byAlias(alias);
        return material == null ? null : material.key();
    }

    private String chooseAlias(String[] keyTypes) {
        Material material = reloadIfChanged();
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (fits(keyType, material)) {
                    return material.alias();
                }
            }
        }
        return null;
    }

    private String[] aliasesFor(String keyType) {
        Material material = current;
        return fits(keyType, material) ? new String[] {material.alias()} : null;
    }

    /** JDK key types are the key algorithm ("EC"), or "EC_EC"-style pairs from TLS 1.2 code paths. */
    private static boolean fits(String keyType, Material material) {
        String algorithm = material.key().getAlgorithm();
        return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_"));
    }

    private Material byAlias(String alias) {
        Material now = current;
        if (now.alias().equals(alias)) {
            return now;
        }
        Material before = previous;
        return before != null && before.alias().equals(alias) ? before : null;
    }

    private Material reloadIfChanged() {
        if (monitor.pollChanged()) {
            synchronized (this) {
                try {
                    Material loaded = load(current);
                    previous = current;
                    current = loaded;
                    X509Certificate leaf = loaded.chain()[0];
                    LOG.log(
                            System.Logger.Level.INFO,
                            "Reloaded certificate of agent {0} from {1} (serial {2}, valid until {3})",
                            loaded.agent(),
                            certificateFile,
                            leaf.getSerialNumber().toString(16),
                            leaf.getNotAfter().toInstant());
                } catch (RuntimeException e) {
                    // Only our own messages are logged (Pem never echoes key bytes); no stack trace,
                    // whose causes could come from a parser.
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Keeping previous certificate of agent {0}: cannot reload {1} / {2}: {3}",
                            current.agent(),
                            certificateFile,
                            keyFile,
                            e.getMessage());
                }
            }
        }
        return current;
    }

    private Material load(Material before) {
        List<X509Certificate> chain = Pem.readCertificates(certificateFile);
        PrivateKey key = Pem.readPrivateKey(keyFile);
        X509Certificate leaf = chain.get(0);
        KeyPairs.requireMatching(key, leaf.getPublicKey(), "certificate " + certificateFile);
        AgentId agent = AgentIdentities.fromCertificate(leaf);
        if (before != null && !before.agent().equals(agent)) {
            throw new CertificateIdentityException("New certificate in " + certificateFile + " is for agent " + agent
                    + " but this process is agent " + before.agent());
        }
        String alias = ALIAS_PREFIX + generation.incrementAndGet();
        return new Material(alias, agent, chain.toArray(X509Certificate[]::new), key);
    }
}
