package io.meshlift.coordinator.audit;

import java.time.Instant;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One file verified on one destination in one pass: what the auditor reads. Unique per
 * (transfer, path, pass), so a replayed report cannot record a file twice.
 */
@Entity
@Table(name = "file_records")
public class FileRecord {

    // A pooled sequence rather than an identity column keeps JDBC batch inserts possible.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "file_records_seq")
    @SequenceGenerator(name = "file_records_seq", sequenceName = "file_records_seq", allocationSize = 50)
    public Long id;

    @Column(name = "transfer_id", nullable = false)
    public UUID transferId;

    /** Relative to the dataset root, '/'-separated. */
    @Column(nullable = false, length = 4096)
    public String path;

    @Column(nullable = false)
    public long size;

    @Column(name = "source_sha256", nullable = false, length = 64)
    public String sourceSha256;

    /** As re-read from the destination's disk by the verifying agent. */
    @Column(name = "destination_sha256", nullable = false, length = 64)
    public String destinationSha256;

    @Column(name = "verified_at", nullable = false)
    public Instant verifiedAt;

    /** The agent that verified the file: the destination. */
    @Column(name = "verified_by", nullable = false, length = 63)
    public String verifiedBy;

    /** 1 for a plan's first run, +1 for every incremental pass. */
    @Column(nullable = false)
    public int pass;

    public boolean matches() {
        return sourceSha256.equals(destinationSha256);
    }
}
