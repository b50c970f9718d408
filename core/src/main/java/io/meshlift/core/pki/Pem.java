package io.meshlift.core.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files of the mesh PKI: X.509 certificates (chains, leaf first), PKCS#8
 * private keys and PKCS#10 certificate requests.
 *
 * <p>Writes are atomic (temporary file in the same directory, then rename), so a reloading reader
 * never sees a half-written file. Key files are created with permission 0600 on POSIX file systems
 * before any byte is written; certificate and CSR files get 0644. Every error is a {@link
 * PemFileException} naming the file and what was wrong; messages never include key material.
 */
public final class Pem {

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";

    private Pem() {}

    /** Reads one or more certificates, leaf first as written; the file may hold nothing else. */
    public static List<X509Certificate> readCertificates(Path file) {
        return certificates(readObjects(file), file.toString());
    }

    /** Reads a file that must hold exactly one certificate. */
    public static X509Certificate readCertificate(Path file) {
        List<X509Certificate> certificates = readCertificates(file);
        if (certificates.size() != 1) {
            throw new PemFileException(
                    file.toString(), "expected exactly one " + CERTIFICATE + " but found " + certificates.size());
        }
        return certificates.get(0);
    }

    /** Parses certificates from PEM text; {@code source} names the text in error messages. */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        return certificates(parseObjects(new StringReader(pem), source), source);
    }

    /**
     * Reads the single private key in {@code file}: PKCS#8 ({@code PRIVATE KEY}) or, for keys made by
     * OpenSSL or cert-manager, traditional {@code EC/RSA PRIVATE KEY}. Certificates in the same file
     * are ignored; encrypted keys are refused.
     */
    public static PrivateKey readPrivateKey(Path file) {
        String source = file.toString();
        List<PrivateKeyInfo> keys = new ArrayList<>();
        for (Object object : readObjects(file)) {
            if (object instanceof PrivateKeyInfo info) {
                keys.add(info);
            } else if (object instanceof PEMKeyPair pair) {
                keys.add(pair.getPrivateKeyInfo());
            } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new PemFileException(source, "encrypted private keys are not supported");
            } else if (!(object instanceof X509CertificateHolder)) {
                throw new PemFileException(source, "unexpected " + label(object) + " in a private key file");
            }
        }
        if (keys.size() != 1) {
            throw new PemFileException(source, "expected exactly one " + PRIVATE_KEY + " but found " + keys.size());
        }
        try {
            return KeyPairs.privateKey(keys.get(0));
        } catch (UnsupportedKeyException e) {
            throw new PemFileException(source, e.getMessage(), e);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            // The cause's message is deliberately not copied: parsers may echo input bytes.
            throw new PemFileException(
                    source, "unreadable private key (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Reads the single PKCS#10 certificate request in {@code file}. */
    public static PKCS10CertificationRequest readCsr(Path file) {
        return csr(readObjects(file), file.toString());
    }

    /** Parses a single PKCS#10 certificate request from PEM text. */
    public static PKCS10CertificationRequest parseCsr(String pem, String source) {
        return csr(parseObjects(new StringReader(pem), source), source);
    }

    /** PEM text of {@code certificates}, in the given order. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                out.append(block(CERTIFICATE, certificate.getEncoded()));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("Certificate cannot be encoded: " + e.getMessage(), e);
            }
        }
        return out.toString();
    }

    /** PEM text of {@code csr}. */
    public static String encodeCsr(PKCS10CertificationRequest csr) {
        try {
            return block(CERTIFICATE_REQUEST, csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("CSR cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** Atomically writes {@code certificates} (leaf first) to {@code file} with permission 0644. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("No certificates to write to " + file);
        }
        AtomicFiles.write(file, encodeCertificates(certificates).getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Atomically writes {@code key} as PKCS#8 to {@code file}, created with permission 0600. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("Private key for " + file + " is not PKCS#8-encodable");
        }
        byte[] pem = block(PRIVATE_KEY, key.getEncoded()).getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.write(file, pem, true);
    }

    /** Atomically writes {@code csr} to {@code file} with permission 0644. */
    public static void writeCsr(Path file, PKCS10CertificationRequest csr) {
        AtomicFiles.write(file, encodeCsr(csr).getBytes(StandardCharsets.US_ASCII), false);
    }

    private static String block(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static List<Object> readObjects(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return parseObjects(reader, file.toString());
        } catch (IOException e) {
            throw new PemFileException(file.toString(), "cannot read file (" + e + ")", e);
        }
    }

    private static List<Object> parseObjects(Reader reader, String source) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new PemFileException(source, "malformed PEM (" + e.getClass().getSimpleName() + ")", e);
        }
        if (objects.isEmpty()) {
            throw new PemFileException(source, "no PEM blocks found");
        }
        return objects;
    }

    private static List<X509Certificate> certificates(List<Object> objects, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Object object : objects) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    // A key here would mean a secret sitting in a file that is meant to be shared.
                    throw new PemFileException(
                            source, "expected only " + CERTIFICATE + " blocks but found " + label(object));
                }
                certificates.add(
                        (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded())));
            }
        } catch (CertificateException | IOException e) {
            throw new PemFileException(source, "malformed certificate (" + e.getMessage() + ")", e);
        }
        return certificates;
    }

    private static PKCS10CertificationRequest csr(List<Object> objects, String source) {
        if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
            throw new PemFileException(
                    source,
                    "expected exactly one " + CERTIFICATE_REQUEST + " but found "
                            + objects.stream().map(Pem::label).toList());
        }
        return csr;
    }

    private static String label(Object object) {
        if (object instanceof X509CertificateHolder) {
            return CERTIFICATE;
        }
        if (object instanceof PrivateKeyInfo
                || object instanceof PEMKeyPair
                || object instanceof PKCS8EncryptedPrivateKeyInfo
                || object instanceof PEMEncryptedKeyPair) {
            return "a private key";
        }
        if (object instanceof PKCS10CertificationRequest) {
            return CERTIFICATE_REQUEST;
        }
        return object.getClass().getSimpleName();
    }
}
