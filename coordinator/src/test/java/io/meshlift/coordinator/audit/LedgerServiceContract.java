package io.meshlift.coordinator.audit;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.job.JobFixtures;
import io.meshlift.coordinator.job.JobNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's behaviour on a real database; {@link LedgerServiceTest} runs it on H2,
 * {@link LedgerServicePostgresTest} on PostgreSQL. Every test that alters the ledger puts it back, so
 * the whole chain stays verifiable for the tests after it.
 */
abstract class LedgerServiceContract {

    @Inject
    LedgerService ledger;

    @Inject
    LedgerExporter exporter;

    @Inject
    LedgerTampering tampering;

    @Inject
    JobFixtures fixtures;

    @Test
    void appendedRecordsFormAChainThatVerifies() {
        UUID job = fixtures.job();
        LedgerEntry first = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a", "size", 1));
        LedgerEntry second = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b", "size", 2));
        LedgerEntry third = ledger.append(job, LedgerKind.TRANSFER_FINISHED, Map.of("files", 2));

        assertThat(List.of(second.seq(), third.seq())).containsExactly(first.seq() + 1, first.seq() + 2);
        assertThat(tampering.read(second.seq()).prevHash).isEqualTo(first.hash());

        LedgerVerification all = ledger.verifyAll();
        assertThat(all.valid()).as(all.reason()).isTrue();
        assertThat(all.records()).isGreaterThanOrEqualTo(3);
        assertThat(all.brokenAt()).isNull();

        LedgerVerification ofJob = ledger.verifyJob(job);
        assertThat(ofJob).isEqualTo(new LedgerVerification(true, 3, null, null, third.seq(), third.hash()));
    }

    @Test
    void storesThePayloadAsCanonicalJson() {
        LedgerEntry entry = ledger.append(
                fixtures.job(), LedgerKind.FILE_VERIFIED, Map.of("size", 5, "path", "dir/ä b.txt", "ok", true));

        assertThat(tampering.read(entry.seq()).payload).isEqualTo("{\"ok\":true,\"path\":\"dir/ä b.txt\",\"size\":5}");
    }

    @Test
    void detectsAPayloadAlteredInTheDatabaseAtItsSeq() {
        UUID job = fixtures.job();
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a"));
        LedgerEntry victim = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b", "size", 100));
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "c"));
        LedgerRecord original = tampering.read(victim.seq());

        tampering.setPayload(victim.seq(), "{\"path\":\"b\",\"size\":999}");
        try {
            LedgerVerification all = ledger.verifyAll();
            assertThat(all.valid()).isFalse();
            assertThat(all.brokenAt()).isEqualTo(victim.seq());
            assertThat(all.reason()).contains("hash does not match");
            assertThat(all.lastSeq()).isEqualTo(victim.seq() - 1);

            LedgerVerification ofJob = ledger.verifyJob(job);
            assertThat(ofJob.valid()).isFalse();
            assertThat(ofJob.brokenAt()).isEqualTo(victim.seq());
        } finally {
            tampering.restore(original);
        }
        assertThat(ledger.verifyAll().valid()).isTrue();
    }

    @Test
    void detectsARecordWhoseHashWasRecomputedAtTheNextLink() {
        UUID job = fixtures.job();
        LedgerEntry victim = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a", "size", 1));
        LedgerEntry next = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b", "size", 2));
        LedgerRecord original = tampering.read(victim.seq());
        String forged = "{\"path\":\"a\",\"size\":2}";
        String forgedHash = LedgerChain.hash(
                original.prevHash,
                original.seq,
                job.toString(),
                original.kind,
                original.recordedAt.toString(),
                LedgerChain.sha256Hex(forged));

        tampering.setPayloadAndHash(victim.seq(), forged, forgedHash);
        try {
            LedgerVerification ofJob = ledger.verifyJob(job);
            assertThat(ofJob.valid()).isFalse();
            assertThat(ofJob.brokenAt()).isEqualTo(next.seq());
            assertThat(ofJob.reason()).contains("prev_hash does not match the hash of record " + victim.seq());
        } finally {
            tampering.restore(original);
        }
    }

    @Test
    void detectsADeletedRecord() {
        UUID job = fixtures.job();
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a"));
        LedgerEntry victim = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b"));
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "c"));
        LedgerRecord original = tampering.read(victim.seq());

        tampering.delete(victim.seq());
        try {
            LedgerVerification all = ledger.verifyAll();
            assertThat(all.brokenAt()).isEqualTo(victim.seq());
            assertThat(all.reason()).contains("record " + victim.seq() + " is missing");
        } finally {
            tampering.restore(original);
        }
    }

    @Test
    void detectsATruncatedTail() {
        LedgerEntry last = ledger.append(fixtures.job(), LedgerKind.JOB_FINISHED, Map.of("state", "SUCCEEDED"));
        LedgerRecord original = tampering.read(last.seq());

        tampering.delete(last.seq());
        try {
            LedgerVerification all = ledger.verifyAll();
            assertThat(all.brokenAt()).isEqualTo(last.seq());
            assertThat(all.reason()).contains("the chain head is at seq " + last.seq());
        } finally {
            tampering.restore(original);
        }
    }

    @Test
    void aRolledBackAppendLeavesNoGap() {
        UUID job = fixtures.job();
        LedgerEntry before = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a"));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b"));
                    throw new IllegalStateException("the change the record attests failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        LedgerEntry after = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "c"));

        assertThat(after.seq()).isEqualTo(before.seq() + 1);
        assertThat(ledger.verifyJob(job).records()).isEqualTo(2);
    }

    @Test
    void refusesFloatingPointPayloadsWithoutAppending() {
        UUID job = fixtures.job();

        assertThatThrownBy(() -> ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("ratio", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.ratio");
        assertThat(ledger.verifyJob(job).records()).isZero();
    }

    @Test
    void verifyingAnUnknownJobFails() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> ledger.verifyJob(unknown))
                .isInstanceOf(JobNotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void aJobWithoutRecordsVerifiesAsEmpty() {
        assertThat(ledger.verifyJob(fixtures.job())).isEqualTo(new LedgerVerification(true, 0, null, null, 0, null));
    }

    @Test
    void exportOfAJobVerifiesOfflineWithOtherJobsPayloadsRedacted() throws IOException {
        UUID job = fixtures.job();
        UUID other = fixtures.job();
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "mine-1"));
        LedgerEntry foreign = ledger.append(other, LedgerKind.FILE_VERIFIED, Map.of("path", "secret"));
        LedgerEntry last = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "mine-2"));

        String export = export(job);

        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1))
                .startsWith("{\"hash\":")
                .doesNotContain("secret")
                .doesNotContain("\"payload\":");
        assertThat(lines.get(2)).contains("\"payload\":\"{\\\"path\\\":\\\"mine-2\\\"}\"");
        LedgerChain.Result offline = LedgerChain.verifyExport(new BufferedReader(new StringReader(export)));
        assertThat(offline).isEqualTo(new LedgerChain.Result(true, 3, null, null, last.seq(), last.hash()));

        String altered = export.replace("mine-2", "mine-X");
        LedgerChain.Result tampered = LedgerChain.verifyExport(new BufferedReader(new StringReader(altered)));
        assertThat(tampered.brokenAt()).isEqualTo(last.seq());
        assertThat(tampered.reason()).contains("payload does not match");
        assertThat(foreign.seq()).isEqualTo(last.seq() - 1);
    }

    @Test
    void parallelAppendsFromTwoPoolsLeaveOneChainWithoutGapsOrDuplicates() throws Exception {
        UUID job = fixtures.job();
        int appends = 200;
        ExecutorService replicaA = Executors.newFixedThreadPool(6);
        ExecutorService replicaB = Executors.newFixedThreadPool(6);
        List<Future<LedgerEntry>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < appends; i++) {
                int n = i;
                ExecutorService pool = n % 2 == 0 ? replicaA : replicaB;
                futures.add(pool.submit(() -> ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("n", n))));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<LedgerEntry> future : futures) {
                seqs.add(future.get(60, TimeUnit.SECONDS).seq());
            }

            assertThat(seqs).doesNotHaveDuplicates();
            long first = seqs.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertThat(seqs.stream().mapToLong(Long::longValue).max().orElseThrow())
                    .isEqualTo(first + appends - 1);
            LedgerVerification ofJob = ledger.verifyJob(job);
            assertThat(ofJob.valid()).as(ofJob.reason()).isTrue();
            assertThat(ofJob.records()).isEqualTo(appends);
            assertThat(ledger.verifyAll().valid()).isTrue();
        } finally {
            replicaA.shutdownNow();
            replicaB.shutdownNow();
        }
    }

    private String export(UUID job) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.exportJob(job).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
