package io.meshlift.coordinator.grant;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantSigner;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

/**
 * Issues the peer grants that go with assignments, signed with the installation key. The key is loaded
 * (or created, 0600) from {@code coordinator.grants.key-file} on first use; replicas sharing the file sign
 * alike. Only the key id is ever logged.
 */
@ApplicationScoped
public class GrantService {

    static final String DEFAULT_KEY_FILE = "grant-signing-key.pem";

    private static final Logger LOG = Logger.getLogger(GrantService.class);

    private final CoordinatorConfig config;
    private final Clock clock;
    private volatile GrantSigner signer;

    @Inject
    GrantService(CoordinatorConfig config) {
        this(config, Clock.systemUTC());
    }

    GrantService(CoordinatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** What a grant is for: the destination may read the source's volume/path for this assignment. */
    public record Request(
            String jobId,
            String assignmentId,
            String dataset,
            String sourceAgent,
            String sourceVolume,
            String sourcePath,
            String destinationAgent) {}

    /** A fresh grant for {@code request}, valid from now for {@code coordinator.grants.lifetime}. */
    public byte[] issue(Request request) {
        Instant now = clock.instant();
        PeerGrant grant = new PeerGrant(
                request.jobId(),
                request.assignmentId(),
                request.dataset(),
                AgentId.of(request.sourceAgent()),
                request.sourceVolume(),
                RelativePath.parseOrRoot(request.sourcePath() == null ? "" : request.sourcePath()),
                AgentId.of(request.destinationAgent()),
                now,
                now.plus(lifetime()));
        return signer().sign(grant).encode();
    }

    public Duration lifetime() {
        return config.grants().lifetime();
    }

    /** The verification key agents get in their Welcome (X.509 encoding). */
    public byte[] publicKey() {
        return signer().publicKey();
    }

    public String keyId() {
        return signer().keyId();
    }

    private GrantSigner signer() {
        GrantSigner current = signer;
        if (current == null) {
            synchronized (this) {
                if (signer == null) {
                    Path file = keyFile();
                    signer = new GrantSigner(GrantKeys.loadOrCreate(file));
                    LOG.infof("peer grants signed with key %s (key file %s)", signer.keyId(), file);
                }
                current = signer;
            }
        }
        return current;
    }

    Path keyFile() {
        return config.grants()
                .keyFile()
                .orElseGet(() -> Path.of(config.dataDir()).resolve(DEFAULT_KEY_FILE));
    }
}
