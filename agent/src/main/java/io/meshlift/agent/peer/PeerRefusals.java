package io.meshlift.agent.peer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.path.RelativePath;

/**
 * Where refusals of peer requests go: checked against the call's {@link PeerAccess}, logged at WARN and
 * passed to the {@link PeerRefusalListener}. At most {@code perMinute} refusals are logged and reported
 * on their own each minute, so a hostile peer cannot flood the log or the audit ledger; the rest are
 * counted into the next report.
 */
final class PeerRefusals {

    private static final Logger LOG = Logger.getLogger(PeerRefusals.class);

    private final PeerRefusalListener listener;
    private final Clock clock;
    private final int perMinute;
    private Instant windowStart = Instant.EPOCH;
    private int inWindow;
    private long suppressed;

    PeerRefusals(PeerRefusalListener listener, Clock clock, int perMinute) {
        this.listener = listener;
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /**
     * Checks that {@code access} allows reading {@code rawPath} in {@code volume}.
     *
     * @return the parsed path
     * @throws GrantRefusedException after reporting it, if not allowed
     */
    RelativePath require(PeerAccess access, String caller, String method, String volume, String rawPath) {
        try {
            return access.require(volume, rawPath);
        } catch (GrantRefusedException e) {
            refused(caller, method, volume, rawPath, e);
            throw e;
        }
    }

    void refused(String caller, String method, String volume, String path, GrantRefusedException e) {
        Instant now = clock.instant();
        long before;
        synchronized (this) {
            if (Duration.between(windowStart, now).compareTo(Duration.ofMinutes(1)) >= 0) {
                windowStart = now;
                inWindow = 0;
            }
            if (++inWindow > perMinute) {
                suppressed++;
                return;
            }
            before = suppressed;
            suppressed = 0;
        }
        LOG.warnf(
                "refused %s of %s:%s to %s: %s (%s)%s",
                method,
                volume,
                path,
                caller,
                e.reason(),
                e.getMessage(),
                before > 0 ? "; " + before + " more refusal(s) were not logged" : "");
        try {
            listener.peerRefused(
                    new PeerRefusal(caller, method, volume, path, e.reason(), e.getMessage(), e.grant(), now, before));
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "cannot record the refusal of %s to %s", method, caller);
        }
    }
}
