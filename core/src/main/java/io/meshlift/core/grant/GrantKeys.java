package io.meshlift.core.grant;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installation's grant-signing key pair (Ed25519) and how it is kept: one PEM file holding the PKCS#8
 * private key and the X.509 public key, mode 0600. Several coordinator replicas may share the file. The
 * file is created only if absent, without ever replacing one (two replicas starting at once end up with the
 * same key). Key material is never logged: only key ids.
 */
public final class GrantKeys {

    public static final String ALGORITHM = "Ed25519";

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private GrantKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + ALGORITHM + " keys", e);
        }
    }

    /** Names a public key: {@code ed25519-} and the first 16 bytes of SHA-256 over its X.509 encoding, hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "ed25519-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * An Ed25519 public key from its X.509 (SubjectPublicKeyInfo) encoding.
     *
     * @throws IllegalArgumentException if the bytes are not one
     */
    public static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an " + ALGORITHM + " public key");
        }
    }

    /**
     * The key pair in {@code file}, generated and written first if the file does not exist.
     *
     * @throws GrantKeyFileException naming the file (never its content) if it cannot be read or written
     */
    public static KeyPair loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            createIfAbsent(file, generate());
        }
        return load(file);
    }

    /** @throws GrantKeyFileException if {@code file} is missing or does not hold a matching key pair */
    public static KeyPair load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new GrantKeyFileException(
                    file, "cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
            switch (matcher.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> throw new GrantKeyFileException(file, "unexpected PEM block " + matcher.group(1));
            }
        }
        if (privateDer == null || publicDer == null) {
            throw new GrantKeyFileException(file, "it must hold a PRIVATE KEY and a PUBLIC KEY block");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
            KeyPair pair = new KeyPair(publicKey, privateKey);
            requireMatching(pair, file);
            return pair;
        } catch (GeneralSecurityException e) {
            throw new GrantKeyFileException(file, "it does not hold an " + ALGORITHM + " key pair");
        }
    }

    private static void requireMatching(KeyPair pair, Path file) throws GeneralSecurityException {
        byte[] probe = "meshlift grant key check".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = GrantSigner.signBytes(pair.getPrivate(), probe);
        if (!GrantVerifier.verifyBytes(pair.getPublic(), probe, signature)) {
            throw new GrantKeyFileException(file, "its private and public keys do not belong together");
        }
    }

    private static void createIfAbsent(Path file, KeyPair pair) {
        Path target = file.toAbsolutePath();
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // createTempFile makes the file 0600 on POSIX, so the key is never readable by others.
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(PosixFilePermissions.fromString("rw-------"));
            }
            publishWithoutReplacing(tmp, target);
        } catch (IOException e) {
            throw new GrantKeyFileException(file, "cannot create it (" + e + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray 0600 temporary file is harmless
                }
            }
        }
    }

    /** A hard link appears atomically and fails if the target exists: first writer wins, nobody clobbers. */
    private static void publishWithoutReplacing(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use theirs
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target)) {
                return;
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
