package io.meshlift.coordinator.transfer;

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
 * One dataset to one destination within a job. The lease ({@link #leaseOwner}, {@link #leaseUntil}) says
 * which coordinator replica drives it; another replica takes over once the lease has expired.
 */
@Entity
@Table(name = "transfers")
public class Transfer {

    @Id
    public UUID id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Column(nullable = false, length = 253)
    public String dataset;

    @Column(name = "source_agent", nullable = false, length = 63)
    public String sourceAgent;

    @Column(name = "source_volume", nullable = false)
    public String sourceVolume;

    @Column(name = "source_path", nullable = false, length = 4096)
    public String sourcePath;

    @Column(name = "destination_agent", nullable = false, length = 63)
    public String destinationAgent;

    @Column(name = "destination_volume", nullable = false)
    public String destinationVolume;

    @Column(name = "destination_path", nullable = false, length = 4096)
    public String destinationPath;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TransferState state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "bytes_total", nullable = false)
    public long bytesTotal;

    @Column(name = "bytes_done", nullable = false)
    public long bytesDone;

    @Column(name = "files_total", nullable = false)
    public long filesTotal;

    @Column(name = "files_done", nullable = false)
    public long filesDone;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The assignment out for this transfer, {@code <transfer id>/<attempt>}; null before the next attempt. */
    @Column(name = "assignment_id", length = 80)
    public String assignmentId;

    /** Failed attempts, counted against the plan's retries; a refusal is not a failure. */
    @Column(nullable = false)
    public int failures;

    /** Retry backoff: a PENDING transfer is not claimed before this instant. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "source_digest", length = 64)
    public String sourceDigest;

    @Column(name = "destination_digest", length = 64)
    public String destinationDigest;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** When the last progress report was applied; the rate is measured between two of them. */
    @Column(name = "progress_at")
    public Instant progressAt;

    /** Smoothed transfer rate of the current attempt, in bytes per second; 0 until measured. */
    @Column(name = "rate_bytes_per_second", nullable = false)
    public long rateBytesPerSecond;

    @Version
    @Column(nullable = false)
    public long version;
}
