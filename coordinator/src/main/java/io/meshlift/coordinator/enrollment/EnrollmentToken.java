package io.meshlift.coordinator.enrollment;

import java.time.Instant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A one-time enrollment token, known only by its SHA-256: the token itself is shown once, to the admin. */
@Entity
@Table(name = "enrollment_tokens")
public class EnrollmentToken {

    /** Lowercase hex SHA-256 of the token's UTF-8 text. */
    @Id
    @Column(name = "token_sha256", length = 64)
    public String tokenSha256;

    /** The only agent this token may enroll. */
    @Column(name = "agent_id", nullable = false, length = 63)
    public String agentId;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Set once, by the enrollment that spent the token. */
    @Column(name = "used_at")
    public Instant usedAt;

    /** The admin who asked for the token. */
    @Column(name = "issued_by")
    public String issuedBy;
}
