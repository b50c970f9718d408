package io.meshlift.coordinator.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.audit.FileRecordService.Outcome;
import io.meshlift.coordinator.job.JobFixtures;
import io.meshlift.coordinator.transfer.TransferNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** File records on a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class FileRecordServiceContract {

    static final String SOURCE = "a".repeat(64);
    static final String OTHER = "b".repeat(64);

    @Inject
    FileRecordService service;

    @Inject
    FileRecordRepository files;

    @Inject
    LedgerService ledger;

    @Inject
    JobFixtures fixtures;

    @Test
    void recordsAVerifiedFileWithItsLedgerRecord() {
        UUID job = fixtures.job();
        UUID transfer = fixtures.transfer(job);

        assertThat(service.record(report(transfer, 1, "x/y.bin", SOURCE))).isEqualTo(Outcome.RECORDED);

        FileRecord stored = QuarkusTransaction.requiringNew()
                .call(() -> files.find(transfer, "x/y.bin", 1).orElseThrow());
        assertThat(stored.sourceSha256).isEqualTo(SOURCE);
        assertThat(stored.matches()).isTrue();
        assertThat(ledger.verifyJob(job).records()).isEqualTo(1);
    }

    @Test
    void aReplayedReportIsRecordedOnce() {
        UUID job = fixtures.job();
        UUID transfer = fixtures.transfer(job);
        FileReport report = report(transfer, 1, "a.txt", SOURCE);

        assertThat(service.record(report)).isEqualTo(Outcome.RECORDED);
        assertThat(service.record(report)).isEqualTo(Outcome.ALREADY_RECORDED);

        assertThat(count(transfer)).isEqualTo(1);
        assertThat(ledger.verifyJob(job).records()).isEqualTo(1);
    }

    @Test
    void aReplayWithOtherDigestsIsAConflict() {
        UUID transfer = fixtures.transfer(fixtures.job());
        service.record(report(transfer, 1, "a.txt", SOURCE));

        assertThatThrownBy(() -> service.record(report(transfer, 1, "a.txt", OTHER)))
                .isInstanceOf(FileRecordConflictException.class)
                .hasMessageContaining("a.txt")
                .hasMessageContaining(OTHER);
    }

    @Test
    void aLaterPassRecordsTheFileAgain() {
        UUID transfer = fixtures.transfer(fixtures.job());

        service.record(report(transfer, 1, "a.txt", SOURCE));
        assertThat(service.record(report(transfer, 2, "a.txt", OTHER))).isEqualTo(Outcome.RECORDED);

        assertThat(count(transfer)).isEqualTo(2);
    }

    @Test
    void concurrentReplaysRecordTheFileExactlyOnce() throws Exception {
        UUID job = fixtures.job();
        UUID transfer = fixtures.transfer(job);
        FileReport report = report(transfer, 1, "raced.bin", SOURCE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            Callable<Outcome> record = () -> service.record(report);
            for (int i = 0; i < 8; i++) {
                outcomes.add(pool.submit(record));
            }
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).containsOnlyOnce(Outcome.RECORDED);
            assertThat(count(transfer)).isEqualTo(1);
            assertThat(ledger.verifyJob(job).records()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReportForAnUnknownTransferIsRefused() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> service.record(report(unknown, 1, "a.txt", SOURCE)))
                .isInstanceOf(TransferNotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    private long count(UUID transfer) {
        return QuarkusTransaction.requiringNew().call(() -> files.count("transferId", transfer));
    }

    static FileReport report(UUID transfer, int pass, String path, String destinationSha256) {
        return new FileReport(transfer, pass, path, 42, SOURCE, destinationSha256, Instant.now(), "dc2-db-01");
    }
}
