package io.meshlift.coordinator.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.hibernate.exception.ConstraintViolationException;

import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferNotFoundException;
import io.meshlift.coordinator.transfer.TransferRepository;

/** Records verified files, each with its ledger record, exactly once however often it is reported. */
@ApplicationScoped
public class FileRecordService {

    /** What {@link #record} did. */
    public enum Outcome {
        RECORDED,
        /** The same report was recorded before: nothing changed. */
        ALREADY_RECORDED
    }

    private final FileRecordRepository files;
    private final TransferRepository transfers;
    private final LedgerService ledger;

    FileRecordService(FileRecordRepository files, TransferRepository transfers, LedgerService ledger) {
        this.files = files;
        this.transfers = transfers;
        this.ledger = ledger;
    }

    /**
     * Stores the file record and appends {@link LedgerKind#FILE_VERIFIED} in one new transaction. A
     * replay finds the stored record and is compared with it; a replay racing the original (on another
     * replica) meets the unique key on (transfer, path, pass) instead, rolls back, and is compared too.
     *
     * @throws TransferNotFoundException if the report names no known transfer
     * @throws FileRecordConflictException if the file was recorded with different content
     */
    public Outcome record(FileReport report) {
        // Replays are routine after a reconnect: answer them with a read, not a failed insert.
        Optional<FileRecord> recorded = lookup(report);
        if (recorded.isPresent()) {
            return compare(report, recorded.get());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(report));
            return Outcome.RECORDED;
        } catch (PersistenceException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            return compare(report, lookup(report).orElseThrow(() -> e));
        }
    }

    private Optional<FileRecord> lookup(FileReport report) {
        return QuarkusTransaction.requiringNew()
                .call(() -> files.find(report.transferId(), report.path(), report.pass()));
    }

    private static Outcome compare(FileReport report, FileRecord recorded) {
        if (!report.sameAs(recorded)) {
            throw new FileRecordConflictException(report, recorded);
        }
        return Outcome.ALREADY_RECORDED;
    }

    private void insert(FileReport report) {
        Transfer transfer = transfers
                .findByIdOptional(report.transferId())
                .orElseThrow(() -> new TransferNotFoundException(report.transferId()));
        FileRecord record = new FileRecord();
        record.transferId = report.transferId();
        record.path = report.path();
        record.size = report.size();
        record.sourceSha256 = report.sourceSha256();
        record.destinationSha256 = report.destinationSha256();
        record.verifiedAt = report.verifiedAt();
        record.verifiedBy = report.verifiedBy();
        record.pass = report.pass();
        files.persist(record);
        // Hit the unique key now, before the ledger head is locked: a replay never waits on the ledger.
        files.flush();
        ledger.append(transfer.jobId, LedgerKind.FILE_VERIFIED, payload(transfer, record));
    }

    private static Map<String, Object> payload(Transfer transfer, FileRecord record) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("transferId", transfer.id.toString());
        payload.put("dataset", transfer.dataset);
        payload.put(
                "destination",
                transfer.destinationAgent + ":" + transfer.destinationVolume + ":" + transfer.destinationPath);
        payload.put("pass", record.pass);
        payload.put("path", record.path);
        payload.put("size", record.size);
        payload.put("sourceSha256", record.sourceSha256);
        payload.put("destinationSha256", record.destinationSha256);
        payload.put("verifiedAt", record.verifiedAt.toString());
        payload.put("verifiedBy", record.verifiedBy);
        return payload;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }
}
