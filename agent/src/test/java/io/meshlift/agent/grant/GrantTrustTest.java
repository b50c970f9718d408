package io.meshlift.agent.grant;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantSigner;
import io.meshlift.core.pki.AgentId;

import static org.assertj.core.api.Assertions.assertThat;

class GrantTrustTest {

    private final GrantSigner coordinator = new GrantSigner(GrantKeys.generate());
    private final GrantTrust trust = new GrantTrust(AgentId.of("src"), Clock.systemUTC());

    @Test
    void trustsNothingUntilTheCoordinatorSendsAKey() {
        assertThat(trust.verifier()).isEmpty();
    }

    @Test
    void trustsTheWelcomesKey() {
        assertThat(trust.trust(coordinator.publicKey(), coordinator.keyId())).isTrue();

        assertThat(trust.verifier())
                .hasValueSatisfying(v -> assertThat(v.keyId()).isEqualTo(coordinator.keyId()));
    }

    @Test
    void aKeyAnnouncedUnderAnotherIdOrUnusableOrAbsentLeavesNoKeyTrusted() {
        trust.trust(coordinator.publicKey(), coordinator.keyId());
        assertThat(trust.trust(coordinator.publicKey(), "ed25519-somethingelse"))
                .isFalse();
        assertThat(trust.verifier()).isEmpty();

        trust.trust(coordinator.publicKey(), coordinator.keyId());
        assertThat(trust.trust(new byte[] {1, 2, 3}, coordinator.keyId())).isFalse();
        assertThat(trust.verifier()).isEmpty();

        trust.trust(coordinator.publicKey(), coordinator.keyId());
        assertThat(trust.trust(new byte[0], "")).isFalse();
        assertThat(trust.verifier()).isEmpty();
    }

    @Test
    void aNewKeyReplacesTheOld() {
        GrantSigner rotated = new GrantSigner(GrantKeys.generate());
        trust.trust(coordinator.publicKey(), coordinator.keyId());

        trust.trust(rotated.publicKey(), rotated.keyId());

        assertThat(trust.verifier())
                .hasValueSatisfying(v -> assertThat(v.keyId()).isEqualTo(rotated.keyId()));
    }
}
