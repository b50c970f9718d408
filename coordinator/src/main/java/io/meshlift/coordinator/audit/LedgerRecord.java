package io.meshlift.coordinator.audit;

import java.time.Instant;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One link of the audit hash chain. Written once by {@link LedgerService#append}, never updated. */
@Entity
@Table(name = "audit_ledger")
public class LedgerRecord {

    @Id
    public long seq;

    @Column(name = "job_id")
    public UUID jobId;

    /** A {@link LedgerKind} name, kept as text so a tampered value is reported rather than unreadable. */
    @Column(nullable = false, length = 64)
    public String kind;

    /** Canonical JSON ({@link CanonicalJson}). */
    @Column(nullable = false)
    public String payload;

    @Column(name = "prev_hash", nullable = false, length = 64)
    public String prevHash;

    @Column(nullable = false, length = 64)
    public String hash;

    /** Truncated to microseconds, the precision both databases keep, so the hashed text survives a round trip. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    LedgerChain.Link toLink() {
        return new LedgerChain.Link(
                seq,
                jobId == null ? null : jobId.toString(),
                kind,
                recordedAt.toString(),
                payload,
                LedgerChain.sha256Hex(payload),
                prevHash,
                hash);
    }
}
