package io.meshlift.core.grant;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.meshlift.core.grant.GrantRefusedException.Reason;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

import static io.meshlift.core.grant.GrantFixtures.NOW;
import static io.meshlift.core.grant.GrantFixtures.REQUESTER;
import static io.meshlift.core.grant.GrantFixtures.SOURCE;
import static io.meshlift.core.grant.GrantFixtures.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantVerifierTest {

    private static final KeyPair KEYS = GrantKeys.generate();
    private final GrantSigner signer = new GrantSigner(KEYS);
    private final GrantVerifier verifier = verifierAt(NOW);

    private static GrantVerifier verifierAt(Instant now) {
        return new GrantVerifier(
                KEYS.getPublic(), SOURCE, Clock.fixed(now, ZoneOffset.UTC), GrantVerifier.DEFAULT_CLOCK_SKEW);
    }

    private byte[] signed(PeerGrant grant) {
        return signer.sign(grant).encode();
    }

    private void assertRefused(Runnable check, Reason reason) {
        assertThatThrownBy(check::run)
                .isInstanceOf(GrantRefusedException.class)
                .satisfies(e -> assertThat(((GrantRefusedException) e).reason()).isEqualTo(reason));
    }

    @Test
    void acceptsAValidGrantForThePrefixAndBelow() {
        byte[] grant = signed(grant());

        assertThat(verifier.verify(grant, REQUESTER, "vol", RelativePath.parse("data/a")))
                .isEqualTo(grant());
        assertThat(verifier.verify(grant, REQUESTER, "vol", RelativePath.parse("data/a/b/c.txt")))
                .isEqualTo(grant());
    }

    @Test
    void aRootPrefixCoversTheWholeVolume() {
        byte[] grant = signed(grant(SOURCE, REQUESTER, "vol", "", NOW, NOW.plusSeconds(60)));

        assertThat(verifier.verify(grant, REQUESTER, "vol", RelativePath.ROOT).sourcePrefix())
                .isEqualTo(RelativePath.ROOT);
        assertRefused(() -> verifier.verify(grant, REQUESTER, "other", RelativePath.ROOT), Reason.OUTSIDE_GRANT);
    }

    @Test
    void refusesASignatureFromAnotherKeyEvenUnderTheTrustedKeyId() {
        SignedGrant other = new GrantSigner(GrantKeys.generate()).sign(grant());
        SignedGrant forged = new SignedGrant(other.grant(), other.signature(), verifier.keyId());

        assertRefused(() -> verifier.verify(forged.encode(), REQUESTER), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesAGrantSignedWithAnotherKey() {
        byte[] grant = new GrantSigner(GrantKeys.generate()).sign(grant()).encode();

        assertRefused(() -> verifier.verify(grant, REQUESTER), Reason.UNKNOWN_KEY);
    }

    @Test
    void refusesTamperedGrantBytes() {
        SignedGrant good = signer.sign(grant());
        byte[] bytes = good.grant();
        // Same length, other requester: "dst" -> "dsu"
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("dst", "dsu");
        SignedGrant tampered = new SignedGrant(
                text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), good.signature(), good.keyId());

        assertRefused(() -> verifier.verify(tampered, AgentId.of("dsu")), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATruncatedSignature() {
        SignedGrant good = signer.sign(grant());
        byte[] shortSignature = java.util.Arrays.copyOf(good.signature(), 10);

        assertRefused(
                () -> verifier.verify(new SignedGrant(good.grant(), shortSignature, good.keyId()), REQUESTER),
                Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesExpiredGrantsAfterTheClockSkew() {
        byte[] grant = signed(grant(SOURCE, REQUESTER, "vol", "data/a", NOW.minusSeconds(3600), NOW.minusSeconds(31)));

        assertRefused(() -> verifier.verify(grant, REQUESTER), Reason.EXPIRED);
        assertThat(verifierAt(NOW.minusSeconds(2)).verify(grant, REQUESTER)).isNotNull();
    }

    @Test
    void refusesGrantsIssuedInTheFutureBeyondTheClockSkew() {
        byte[] future = signed(grant(SOURCE, REQUESTER, "vol", "data/a", NOW.plusSeconds(31), NOW.plusSeconds(3600)));
        byte[] slightlyAhead =
                signed(grant(SOURCE, REQUESTER, "vol", "data/a", NOW.plusSeconds(10), NOW.plusSeconds(3600)));

        assertRefused(() -> verifier.verify(future, REQUESTER), Reason.NOT_YET_VALID);
        assertThat(verifier.verify(slightlyAhead, REQUESTER)).isNotNull();
    }

    @Test
    void refusesAnotherRequester() {
        byte[] grant = signed(grant());

        assertRefused(() -> verifier.verify(grant, AgentId.of("mallory")), Reason.WRONG_REQUESTER);
    }

    @Test
    void refusesAGrantForAnotherSource() {
        byte[] grant = signed(grant(AgentId.of("other-src"), REQUESTER, "vol", "data/a", NOW, NOW.plusSeconds(60)));

        assertRefused(() -> verifier.verify(grant, REQUESTER), Reason.WRONG_SOURCE);
    }

    @Test
    void refusesAnotherVolume() {
        byte[] grant = signed(grant());

        assertRefused(
                () -> verifier.verify(grant, REQUESTER, "vol2", RelativePath.parse("data/a")), Reason.OUTSIDE_GRANT);
    }

    @Test
    void comparesPrefixesByPathComponentNeverByString() {
        byte[] grant = signed(grant());

        assertRefused(
                () -> verifier.verify(grant, REQUESTER, "vol", RelativePath.parse("data/ab")), Reason.OUTSIDE_GRANT);
        assertRefused(
                () -> verifier.verify(grant, REQUESTER, "vol", RelativePath.parse("data/ab/x")), Reason.OUTSIDE_GRANT);
        assertRefused(() -> verifier.verify(grant, REQUESTER, "vol", RelativePath.parse("data")), Reason.OUTSIDE_GRANT);
        assertRefused(() -> verifier.verify(grant, REQUESTER, "vol", RelativePath.ROOT), Reason.OUTSIDE_GRANT);
    }

    @Test
    void dotDotCannotClimbOutOfThePrefix() {
        // Requests are parsed as RelativePath first, which refuses '..' outright: no path can name the
        // prefix's parent while still looking like it starts with the prefix.
        assertThatThrownBy(() -> RelativePath.parse("data/a/../b")).isInstanceOf(PathRejectedException.class);
        assertThatThrownBy(() -> RelativePath.parse("data/a/./x")).isInstanceOf(PathRejectedException.class);
        // and a grant cannot carry one either
        assertThatThrownBy(() -> grant(SOURCE, REQUESTER, "vol", "data/..", NOW, NOW.plusSeconds(5)))
                .isInstanceOf(PathRejectedException.class);
    }

    @Test
    void refusesMissingAndMalformedGrants() {
        assertRefused(() -> verifier.verify(new byte[0], REQUESTER), Reason.MISSING);
        assertRefused(() -> verifier.verify(new byte[] {(byte) 0xff, 1, 2}, REQUESTER), Reason.MALFORMED);
        assertRefused(() -> verifier.verify(new byte[SignedGrant.MAX_ENCODED_BYTES + 1], REQUESTER), Reason.MALFORMED);
    }

    @Test
    void refusesValidlySignedBytesThatAreNotAGrant() {
        byte[] garbage = {0x7a, 0x01, 0x00}; // field 15, unknown
        SignedGrant signed;
        try {
            signed = new SignedGrant(garbage, GrantSigner.signBytes(KEYS.getPrivate(), garbage), verifier.keyId());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }

        assertRefused(() -> verifier.verify(signed, REQUESTER), Reason.MALFORMED);
    }

    @Test
    void refusalMessagesNameWhatWasExpected() {
        byte[] grant = signed(grant());

        assertThatThrownBy(() -> verifier.verify(grant, REQUESTER, "vol", RelativePath.parse("data/ab")))
                .hasMessageContaining("vol:data/a")
                .hasMessageContaining("vol:data/ab");
        assertThatThrownBy(() -> verifier.verify(grant, AgentId.of("mallory")))
                .hasMessageContaining("dst")
                .hasMessageContaining("mallory");
    }

    @Test
    void clockSkewIsConfigurable() {
        byte[] grant = signed(grant(SOURCE, REQUESTER, "vol", "data/a", NOW.minusSeconds(3600), NOW.minusSeconds(5)));
        GrantVerifier strict =
                new GrantVerifier(KEYS.getPublic(), SOURCE, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);

        assertRefused(() -> strict.verify(grant, REQUESTER), Reason.EXPIRED);
    }
}
