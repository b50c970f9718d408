package io.meshlift.core.grant;

import java.time.Duration;
import java.time.Instant;

import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

/** Grants for tests: source {@code src}, requester {@code dst}, volume {@code data}, prefix {@code data/a}. */
final class GrantFixtures {

    static final AgentId SOURCE = AgentId.of("src");
    static final AgentId REQUESTER = AgentId.of("dst");
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private GrantFixtures() {}

    static PeerGrant grant() {
        return grant(SOURCE, REQUESTER, "vol", "data/a", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
    }

    static PeerGrant grant(
            AgentId source, AgentId requester, String volume, String prefix, Instant issued, Instant expires) {
        return new PeerGrant(
                "0b7c2a4e-1111-4222-8333-944445555666",
                "0b7c2a4e-1111-4222-8333-944445555666-t1-a1",
                "photos",
                source,
                volume,
                RelativePath.parseOrRoot(prefix),
                requester,
                issued,
                expires);
    }
}
