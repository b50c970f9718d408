package io.meshlift.core.grant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantKeysTest {

    @TempDir
    Path dir;

    @Test
    void createsAKeyFileReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("keys/grant-signing.pem");

        KeyPair created = GrantKeys.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("BEGIN PRIVATE KEY").contains("BEGIN PUBLIC KEY");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
        assertThat(created.getPublic().getAlgorithm()).isIn("Ed25519", "EdDSA");
    }

    @Test
    void reusesAnExistingKeySoReplicasSharingTheFileSignAlike() {
        Path file = dir.resolve("grant.pem");

        KeyPair first = GrantKeys.loadOrCreate(file);
        KeyPair second = GrantKeys.loadOrCreate(file);

        assertThat(GrantKeys.keyId(second.getPublic())).isEqualTo(GrantKeys.keyId(first.getPublic()));
        SignedGrant signed = new GrantSigner(second).sign(GrantFixtures.grant());
        assertThat(new GrantVerifier(
                                first.getPublic(),
                                GrantFixtures.SOURCE,
                                java.time.Clock.fixed(GrantFixtures.NOW, java.time.ZoneOffset.UTC),
                                GrantVerifier.DEFAULT_CLOCK_SKEW)
                        .verify(signed, GrantFixtures.REQUESTER))
                .isEqualTo(GrantFixtures.grant());
    }

    @Test
    void refusesAFileWhoseKeysDoNotBelongTogether() throws Exception {
        Path a = dir.resolve("a.pem");
        Path b = dir.resolve("b.pem");
        GrantKeys.loadOrCreate(a);
        GrantKeys.loadOrCreate(b);
        String privateOfA = Files.readString(a).split("(?=-----BEGIN PUBLIC KEY-----)")[0];
        String publicOfB = Files.readString(b).split("(?=-----BEGIN PUBLIC KEY-----)")[1];
        Path mixed = dir.resolve("mixed.pem");
        Files.writeString(mixed, privateOfA + publicOfB);

        assertThatThrownBy(() -> GrantKeys.load(mixed))
                .isInstanceOf(GrantKeyFileException.class)
                .hasMessageContaining("do not belong together");
    }

    @Test
    void errorsNameTheFileButNeverItsContent() throws Exception {
        Path file = dir.resolve("broken.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> GrantKeys.load(file))
                .isInstanceOf(GrantKeyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("AAAA");
    }

    @Test
    void keyIdsAreStableAndDistinct() {
        KeyPair a = GrantKeys.generate();
        KeyPair b = GrantKeys.generate();

        assertThat(GrantKeys.keyId(a.getPublic()))
                .isEqualTo(GrantKeys.keyId(a.getPublic()))
                .startsWith("ed25519-");
        assertThat(GrantKeys.keyId(a.getPublic())).isNotEqualTo(GrantKeys.keyId(b.getPublic()));
        assertThat(GrantKeys.publicKey(a.getPublic().getEncoded())).isEqualTo(a.getPublic());
        assertThatThrownBy(() -> GrantKeys.publicKey(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
