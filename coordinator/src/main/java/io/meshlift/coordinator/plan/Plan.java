package io.meshlift.coordinator.plan;

import java.time.Instant;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A migration plan as applied: immutable once stored, so every job points at exactly what it ran. */
@Entity
@Table(name = "plans")
public class Plan {

    @Id
    public UUID id;

    /** {@code metadata.name} of the plan file. Not unique: re-applying an edited plan stores a new row. */
    @Column(nullable = false, length = 253)
    public String name;

    /** The plan file as the operator sent it. */
    @Column(nullable = false)
    public String yaml;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The authenticated principal that applied it (a placeholder until authentication lands). */
    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
