package io.meshlift.core.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.meshlift.core.pki.PkiFixtures.ALPHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTest {

    @TempDir
    Path dir;

    private final CertificateAuthority ca = CertificateAuthority.create("pem test");

    @Test
    void roundTripsCertificateChainInOrder() {
        X509Certificate leaf =
                ca.issueAgentCertificate(ALPHA, KeyPairs.generateEcP256().getPublic());
        Path file = dir.resolve("chain.crt");

        Pem.writeCertificates(file, List.of(leaf, ca.certificate()));

        assertThat(Pem.readCertificates(file)).containsExactly(leaf, ca.certificate());
        assertThat(Pem.parseCertificates(Pem.encodeCertificates(List.of(leaf)), "text"))
                .containsExactly(leaf);
    }

    @Test
    void writesPrivateKeyAsPkcs8ReadableOnlyByOwner() throws Exception {
        KeyPair keys = KeyPairs.generateEcP256();
        Path file = dir.resolve("agent.key");

        Pem.writePrivateKey(file, keys.getPrivate());

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Pem.readPrivateKey(file)).isEqualTo(keys.getPrivate());
    }

    @Test
    void keepsKeyFileOwnerOnlyWhenReplacingIt() throws Exception {
        Path file = dir.resolve("agent.key");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        Pem.writePrivateKey(file, KeyPairs.generateEcP256().getPrivate());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void writesCertificatesWorldReadable() throws Exception {
        Path file = dir.resolve("ca.crt");

        Pem.writeCertificates(file, List.of(ca.certificate()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void readsTraditionalEcPrivateKeyAsWrittenByOpenSsl() throws Exception {
        KeyPair keys = KeyPairs.generateEcP256();
        // SEC1 "EC PRIVATE KEY" with the named curve inside, as `openssl ecparam -genkey` writes it.
        ECPrivateKey inner = ECPrivateKey.getInstance(
                PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).parsePrivateKey());
        byte[] sec1 = new ECPrivateKey(256, inner.getKey(), X9ObjectIdentifiers.prime256v1).getEncoded();
        Path file = Files.writeString(
                dir.resolve("sec1.key"),
                "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(sec1)
                        + "\n-----END EC PRIVATE KEY-----\n");

        KeyPairs.requireMatching(Pem.readPrivateKey(file), keys.getPublic(), "test key");
    }

    @Test
    void roundTripsCsr() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr("CN=alpha", keys.getPublic(), keys.getPrivate(), List.of());
        Path file = dir.resolve("agent.csr");

        Pem.writeCsr(file, csr);

        assertThat(Pem.readCsr(file)).isEqualTo(csr);
        assertThat(Pem.parseCsr(Pem.encodeCsr(csr), "request body")).isEqualTo(csr);
    }

    @Test
    void namesTheMissingFile() {
        Path missing = dir.resolve("nope.crt");

        assertThatThrownBy(() -> Pem.readCertificates(missing))
                .isInstanceOf(PemFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot read file");
    }

    @Test
    void saysWhenThereIsNoPemInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.crt"), "hello\n");

        assertThatThrownBy(() -> Pem.readCertificates(file))
                .isInstanceOf(PemFileException.class)
                .hasMessage("PEM " + file + ": no PEM blocks found");
    }

    @Test
    void refusesPrivateKeyInCertificateFile() {
        Path file = dir.resolve("mixed.crt");
        Pem.writePrivateKey(file, KeyPairs.generateEcP256().getPrivate());

        assertThatThrownBy(() -> Pem.readCertificates(file))
                .isInstanceOf(PemFileException.class)
                .hasMessageContaining("expected only CERTIFICATE blocks but found a private key");
    }

    @Test
    void saysWhenKeyFileHoldsNoKey() {
        Path file = dir.resolve("not-a-key.key");
        Pem.writeCertificates(file, List.of(ca.certificate()));

        assertThatThrownBy(() -> Pem.readPrivateKey(file))
                .isInstanceOf(PemFileException.class)
                .hasMessageContaining("expected exactly one PRIVATE KEY but found 0");
    }

    @Test
    void neverEchoesKeyBytesWhenKeyIsCorrupt() throws Exception {
        String secretLooking = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        Path file = Files.writeString(
                dir.resolve("corrupt.key"),
                "-----BEGIN PRIVATE KEY-----\n" + secretLooking + "\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> Pem.readPrivateKey(file))
                .isInstanceOf(PemFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining(secretLooking)
                .hasMessageNotContaining("0123456789");
    }

    @Test
    void refusesCertificateFileWithTwoCertificatesWhereOneIsExpected() {
        Path file = dir.resolve("two.crt");
        Pem.writeCertificates(file, List.of(ca.certificate(), ca.certificate()));

        assertThatThrownBy(() -> Pem.readCertificate(file))
                .isInstanceOf(PemFileException.class)
                .hasMessageContaining("expected exactly one CERTIFICATE but found 2");
    }
}
