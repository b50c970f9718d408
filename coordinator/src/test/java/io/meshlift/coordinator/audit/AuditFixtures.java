package io.meshlift.coordinator.audit;

import java.time.Instant;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.coordinator.transfer.TransferState;

/** Transfers and file records of a job for the audit tests, each call committed. */
@ApplicationScoped
public class AuditFixtures {

    static final Instant VERIFIED_AT = Instant.parse("2026-01-02T03:04:05Z");

    private final TransferRepository transfers;
    private final FileRecordRepository files;
    private final FileRecordService service;

    AuditFixtures(TransferRepository transfers, FileRecordRepository files, FileRecordService service) {
        this.transfers = transfers;
        this.files = files;
        this.service = service;
    }

    /** A SUCCEEDED transfer of {@code dataset} from dc1-db-01 to {@code destinationAgent}:data:{@code dataset}. */
    UUID transfer(UUID jobId, String dataset, String destinationAgent, String sourceDigest, String destinationDigest) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Transfer transfer = new Transfer();
            transfer.id = UUID.randomUUID();
            transfer.jobId = jobId;
            transfer.dataset = dataset;
            transfer.sourceAgent = "dc1-db-01";
            transfer.sourceVolume = "data";
            transfer.sourcePath = dataset;
            transfer.destinationAgent = destinationAgent;
            transfer.destinationVolume = "data";
            transfer.destinationPath = dataset;
            transfer.state = TransferState.SUCCEEDED;
            transfer.filesTotal = 3;
            transfer.sourceDigest = sourceDigest;
            transfer.destinationDigest = destinationDigest;
            transfers.persist(transfer);
            return transfer.id;
        });
    }

    /** Records a verified file through {@link FileRecordService}, ledger record included. */
    void file(UUID transferId, String path, long size, String sourceSha256, String destinationSha256, String agent) {
        service.record(new FileReport(transferId, 1, path, size, sourceSha256, destinationSha256, VERIFIED_AT, agent));
    }

    /**
     * {@code count} matching records named {@code f000000..}, stored through the repository in batches
     * (no ledger records: this is volume for the streaming tests).
     */
    void manyFiles(UUID transferId, int count) {
        int batch = 2000;
        for (int from = 0; from < count; from += batch) {
            int start = from;
            int end = Math.min(count, from + batch);
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = start; i < end; i++) {
                    FileRecord record = new FileRecord();
                    record.transferId = transferId;
                    record.path = String.format("f%06d", i);
                    record.size = i;
                    record.sourceSha256 = digest(i);
                    record.destinationSha256 = digest(i);
                    record.verifiedAt = VERIFIED_AT;
                    record.verifiedBy = "dc2-db-01";
                    record.pass = 1;
                    files.persist(record);
                }
            });
        }
    }

    static String digest(int i) {
        return String.format("%064x", i);
    }
}
