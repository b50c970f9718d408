package io.meshlift.coordinator.enrollment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Agent enrollment: token lifetime, the mesh CA that signs agents' CSRs. docs/configuration.md lists every key. */
@ConfigMapping(prefix = "coordinator")
public interface EnrollmentConfig {

    /** One-time enrollment tokens and the certificates enrollment issues. */
    Enrollment enrollment();

    /** The mesh CA; enrollment is unavailable (503) until both files are set. */
    Ca ca();

    interface Enrollment {

        /** How long an enrollment token stays usable after the admin created it. */
        @WithDefault("15m")
        Duration tokenLifetime();

        /** Validity of an agent certificate issued at enrollment. */
        @WithDefault("90d")
        Duration certificateValidity();
    }

    interface Ca {

        /** PEM certificate of the mesh CA (the agents' trust anchor). */
        Optional<Path> cert();

        /** PEM private key of the mesh CA; read to sign CSRs, never logged. Keep it 0600. */
        Optional<Path> key();
    }
}
