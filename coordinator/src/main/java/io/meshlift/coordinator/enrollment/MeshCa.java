package io.meshlift.coordinator.enrollment;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.CertificateAuthority;

/**
 * The mesh CA as the coordinator uses it: loaded from {@code coordinator.ca.cert} and {@code .key} when
 * enrollment first needs it. The key file is only read, never logged nor echoed in errors (core's PEM
 * errors name the file, not its content).
 */
@ApplicationScoped
public class MeshCa {

    private final EnrollmentConfig config;
    private volatile CertificateAuthority ca;

    MeshCa(EnrollmentConfig config) {
        this.config = config;
    }

    /** The CA certificate agents trust. */
    public X509Certificate certificate() {
        return authority().certificate();
    }

    /** Checks and signs {@code csr} for {@code agent} (see core {@code CertificateAuthority.signCsr}). */
    public X509Certificate sign(PKCS10CertificationRequest csr, AgentId agent, Duration validity) {
        return authority().signCsr(csr, agent, validity);
    }

    private CertificateAuthority authority() {
        CertificateAuthority loaded = ca;
        if (loaded == null) {
            synchronized (this) {
                if (ca == null) {
                    Optional<Path> cert = config.ca().cert();
                    Optional<Path> key = config.ca().key();
                    if (cert.isEmpty() || key.isEmpty()) {
                        throw new EnrollmentUnavailableException(
                                "enrollment needs the mesh CA: set coordinator.ca.cert and coordinator.ca.key");
                    }
                    ca = CertificateAuthority.load(cert.get(), key.get());
                }
                loaded = ca;
            }
        }
        return loaded;
    }
}
