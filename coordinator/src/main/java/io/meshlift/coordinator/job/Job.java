package io.meshlift.coordinator.job;

import java.time.Instant;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One run of a plan. Several replicas may change the same job (a cancel on one, a completion on
 * another): {@link #version} makes the second writer fail instead of overwriting the first.
 */
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    public UUID id;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public JobState state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Incremental pass of the plan, starting at 1: the how-many-th job of this plan this is. */
    @Column(nullable = false)
    public int pass = 1;

    @Version
    @Column(nullable = false)
    public long version;
}
