package io.meshlift.coordinator.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meshlift.coordinator.metrics.CoordinatorMetrics;

/** Appends to the audit ledger's hash chain and verifies it (see {@link LedgerChain} for the hash). */
@ApplicationScoped
public class LedgerService {

    private final LedgerRepository ledger;
    private final LedgerReader reader;
    private final ObjectMapper json;
    private final CoordinatorMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    LedgerService(LedgerRepository ledger, LedgerReader reader, ObjectMapper json, CoordinatorMetrics metrics) {
        this.ledger = ledger;
        this.reader = reader;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Appends a record in the caller's transaction (or a new one), so it commits or rolls back together with
     * the change it attests.
     *
     * <p>Several coordinator replicas share one database, so the order of the chain is decided by the
     * database: every append first takes the row lock on the single {@code ledger_head} row
     * ({@code SELECT ... FOR UPDATE}), then writes record {@code head.seq + 1} and moves the head, and the
     * lock is released at commit. Appends therefore form one total order without gaps (a rolled-back append
     * leaves the head untouched) and without retries; the price is that appends are serialised, which is
     * cheap next to the file transfers they record. A serializable insert with retries was the
     * alternative: it avoids blocking but turns contention into aborted transactions that would take the
     * caller's own changes with them. The primary key on {@code seq} is the backstop should the lock ever
     * be bypassed. Keep the surrounding transaction short: the lock is held until it commits.
     *
     * @param jobId the job the record belongs to, or null for a record about no single job
     * @param payload any value Jackson maps to a JSON object; stored as canonical JSON
     * @throws IllegalArgumentException if the payload is not a JSON object or holds floating-point numbers
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public LedgerEntry append(UUID jobId, LedgerKind kind, Object payload) {
        Objects.requireNonNull(kind, "kind");
        JsonNode tree = json.valueToTree(payload);
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("a ledger payload is a JSON object, got " + payload);
        }
        String canonical = CanonicalJson.write(tree);

        LedgerHead head = ledger.lockHead();
        LedgerRecord record = new LedgerRecord();
        record.seq = head.seq + 1;
        record.jobId = jobId;
        record.kind = kind.name();
        record.payload = canonical;
        record.prevHash = head.hash;
        record.recordedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        record.hash = LedgerChain.hash(
                record.prevHash,
                record.seq,
                jobId == null ? null : jobId.toString(),
                record.kind,
                record.recordedAt.toString(),
                LedgerChain.sha256Hex(canonical));
        ledger.persist(record);
        head.seq = record.seq;
        head.hash = record.hash;
        metrics.ledgerAppended(kind);
        return new LedgerEntry(record.seq, record.hash);
    }

    /** Re-computes the whole chain from record 1 to the committed head. */
    public LedgerVerification verifyAll() {
        LedgerHead head = reader.head();
        LedgerChain.Checker checker = LedgerChain.Checker.fromGenesis();
        reader.scan(1, head.seq, record -> checker.accept(record.toLink()));
        checkHead(checker, head);
        LedgerChain.Result result = checker.result();
        return LedgerVerification.of(result, result.records());
    }

    /**
     * Re-computes the segment of the chain that holds a job's records, from the record before its first
     * to the record after its last, so an altered first or last record of the job is caught too.
     *
     * @throws io.meshlift.coordinator.job.JobNotFoundException if there is no such job
     */
    public LedgerVerification verifyJob(UUID jobId) {
        Optional<LedgerRepository.SeqRange> range = reader.rangeOf(jobId);
        LedgerHead head = reader.head();
        if (range.isEmpty()) {
            return new LedgerVerification(true, 0, null, null, 0, null);
        }
        long from = Math.max(1, range.get().first() - 1);
        long to = Math.min(head.seq, range.get().last() + 1);
        LedgerChain.Checker checker = new LedgerChain.Checker(from, null);
        long[] jobRecords = {0};
        reader.scan(from, to, record -> {
            boolean intact = checker.accept(record.toLink());
            if (intact && jobId.equals(record.jobId)) {
                jobRecords[0]++;
            }
            return intact;
        });
        if (to == head.seq) {
            checkHead(checker, head);
        } else if (!checker.isBroken() && checker.lastSeq() != to) {
            checker.fail(checker.lastSeq() + 1, "record " + (checker.lastSeq() + 1) + " is missing");
        }
        return LedgerVerification.of(checker.result(), jobRecords[0]);
    }

    private static void checkHead(LedgerChain.Checker checker, LedgerHead head) {
        if (checker.isBroken()) {
            return;
        }
        if (checker.lastSeq() != head.seq) {
            long missing = checker.lastSeq() + 1;
            checker.fail(missing, "record " + missing + " is missing: the chain head is at seq " + head.seq);
        } else if (!Objects.equals(checker.lastHash(), head.hash)) {
            checker.fail(head.seq, "the chain head's hash differs from record " + head.seq + "'s");
        }
    }
}
