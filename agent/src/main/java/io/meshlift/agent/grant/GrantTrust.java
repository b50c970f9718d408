package io.meshlift.agent.grant;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meshlift.agent.config.AgentConfig;
import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantVerifier;
import io.meshlift.core.pki.AgentId;

/**
 * The grant verification key this agent trusts: the one in the latest Welcome of its coordinator, which
 * arrives over the mutually authenticated control stream. Nothing else is trusted, nothing is learnt on
 * first use; until a Welcome brings a key there is none and every grant is refused (deny by default).
 */
@ApplicationScoped
public class GrantTrust {

    private static final Logger LOG = Logger.getLogger(GrantTrust.class);

    private final AgentId self;
    private final Clock clock;
    private final AtomicReference<GrantVerifier> verifier = new AtomicReference<>();

    @Inject
    GrantTrust(AgentConfig config) {
        this(AgentId.of(config.id()), Clock.systemUTC());
    }

    public GrantTrust(AgentId self, Clock clock) {
        this.self = self;
        this.clock = clock;
    }

    /**
     * Trusts {@code publicKey} (X.509 encoding) from now on, in place of any earlier key. An empty key
     * (a coordinator without grants) or one whose id does not match {@code keyId} leaves no key trusted.
     *
     * @return whether a key is trusted now
     */
    public boolean trust(byte[] publicKey, String keyId) {
        if (publicKey == null || publicKey.length == 0) {
            verifier.set(null);
            LOG.warn("the coordinator sent no grant key: peers' requests are refused until one arrives");
            return false;
        }
        try {
            GrantVerifier next =
                    new GrantVerifier(GrantKeys.publicKey(publicKey), self, clock, GrantVerifier.DEFAULT_CLOCK_SKEW);
            if (!next.keyId().equals(keyId)) {
                verifier.set(null);
                LOG.errorf(
                        "the coordinator's grant key has id %s but was announced as '%s'; no key trusted",
                        next.keyId(), keyId);
                return false;
            }
            GrantVerifier previous = verifier.getAndSet(next);
            if (previous == null || !previous.keyId().equals(next.keyId())) {
                LOG.infof("peer grants are verified with the coordinator's key %s", next.keyId());
            }
            return true;
        } catch (IllegalArgumentException e) {
            verifier.set(null);
            LOG.errorf("the coordinator's grant key is unusable (%s); no key trusted", e.getMessage());
            return false;
        }
    }

    /** The verifier for the trusted key, if any. */
    public Optional<GrantVerifier> verifier() {
        return Optional.ofNullable(verifier.get());
    }
}
