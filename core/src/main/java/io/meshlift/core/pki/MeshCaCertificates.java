package io.meshlift.core.pki;

import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CA certificates one mesh trusts, as loaded from one PEM file. During a CA rotation the file
 * holds the old and the new CA, so both generations of agent certificates are accepted until the
 * old CA is removed.
 *
 * @param file where they were loaded from, for messages
 * @param certificates the CA certificates, at least one
 * @param anchors the same certificates as PKIX trust anchors
 */
record MeshCaCertificates(Path file, List<X509Certificate> certificates, Set<TrustAnchor> anchors) {

    /**
     * Loads and checks a CA file: every certificate must be a CA allowed to sign certificates, so a
     * leaf pasted into the CA file by mistake cannot become a trust anchor.
     *
     * @throws PemFileException if the file is missing or malformed
     * @throws InvalidCertificateAuthorityException if a certificate in it is not a CA certificate
     */
    static MeshCaCertificates load(Path file) {
        List<X509Certificate> certificates = Pem.readCertificates(file);
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        for (X509Certificate certificate : certificates) {
            boolean[] usage = certificate.getKeyUsage();
            if (certificate.getBasicConstraints() < 0 || (usage != null && !usage[5])) {
                throw new InvalidCertificateAuthorityException("CA file " + file + " contains "
                        + Printable.quote(certificate.getSubjectX500Principal().getName())
                        + ", which is not a CA certificate allowed to sign certificates");
            }
            anchors.add(new TrustAnchor(certificate, null));
        }
        return new MeshCaCertificates(file, List.copyOf(certificates), Set.copyOf(anchors));
    }

    boolean contains(X509Certificate certificate) {
        return certificates.contains(certificate);
    }
}
