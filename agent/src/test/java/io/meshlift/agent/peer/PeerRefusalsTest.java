package io.meshlift.agent.peer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.grant.GrantRefusedException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerRefusalsTest {

    private final List<PeerRefusal> reported = new CopyOnWriteArrayList<>();
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final PeerRefusals refusals = new PeerRefusals(reported::add, clock, 3);

    @Test
    void reportsAtMostTheLimitPerMinuteAndCountsTheRestIntoTheNextReport() {
        for (int i = 0; i < 5; i++) {
            refuse();
        }
        assertThat(reported)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.suppressedBefore()).isZero());

        clock.advance(Duration.ofSeconds(61));
        refuse();

        assertThat(reported).hasSize(4);
        assertThat(reported.get(3).suppressedBefore()).isEqualTo(2);
        assertThat(reported.get(3).at()).isEqualTo(clock.instant());
    }

    @Test
    void requireReportsAndRethrowsTheRefusal() {
        PeerAccess none = PeerAccess.refused(new GrantRefusedException(Reason.MISSING, "no grant"));

        assertThatThrownBy(() -> refusals.require(none, "mallory", "GetManifest", "data", "secret"))
                .isInstanceOf(GrantRefusedException.class);
        assertThat(reported).singleElement().satisfies(r -> {
            assertThat(r.requester()).isEqualTo("mallory");
            assertThat(r.reason()).isEqualTo(Reason.MISSING);
            assertThat(r.path()).isEqualTo("secret");
        });
    }

    @Test
    void aFailingListenerDoesNotBreakTheRefusal() {
        PeerRefusals broken = new PeerRefusals(
                r -> {
                    throw new IllegalStateException("outbox closed");
                },
                clock,
                3);
        PeerAccess none = PeerAccess.refused(new GrantRefusedException(Reason.MISSING, "no grant"));

        assertThatThrownBy(() -> broken.require(none, "mallory", "GetManifest", "data", "x"))
                .isInstanceOf(GrantRefusedException.class);
    }

    private void refuse() {
        refusals.refused("mallory", "FetchChunks", "data", "x", new GrantRefusedException(Reason.EXPIRED, "expired"));
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
