package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.PostgresTestProfile;
import io.meshlift.coordinator.job.JobFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL a page of the audit is read in path byte order ({@code COLLATE ucs_basic}, see
 * {@link FileAuditReader}); only an index in that collation can serve it. Without one, each keyset page of an
 * export scanned and sorted every record of the transfer (minutes for a million records).
 */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class FileAuditPathOrderPostgresTest {

    @Inject
    EntityManager em;

    @Inject
    JobFixtures jobs;

    @Inject
    AuditFixtures fixtures;

    @Inject
    FileAuditReader reader;

    @Test
    void keysetPageInPathByteOrderIsAnIndexRangeScanWithoutASort() {
        UUID transfer = fixtures.transfer(jobs.job(), "order", "dc2-db-01", null, null);
        fixtures.manyFiles(transfer, 200);

        // The statement FileAuditReader.page issues for a page after a cursor. Sorting is priced out, so the
        // plan shows a Sort only if no index can deliver the order.
        String plan = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL enable_sort = off").executeUpdate();
            em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
            List<?> lines = em.createNativeQuery("EXPLAIN SELECT f.id, f.path FROM file_records f"
                            + " WHERE f.transfer_id = CAST(:transfer AS uuid)"
                            + " AND f.path COLLATE ucs_basic > CAST(:after AS varchar) COLLATE ucs_basic"
                            + " ORDER BY f.path COLLATE ucs_basic LIMIT 1000")
                    .setParameter("transfer", transfer.toString())
                    .setParameter("after", "f000100")
                    .getResultList();
            return lines.stream().map(Object::toString).collect(Collectors.joining("\n"));
        });

        assertThat(plan).contains("file_records_transfer_path_bytes").doesNotContain("Sort");
    }

    @Test
    void keysetPagesFollowPathByteOrderAcrossACursor() {
        UUID job = jobs.job();
        UUID transfer = fixtures.transfer(job, "bytes-paged", "dc2-db-01", null, null);
        String digest = "d".repeat(64);
        for (String path : List.of("é", "ab", "a/b", "B", "a.b", "a")) {
            fixtures.file(transfer, path, 1, digest, digest, "dc2-db-01");
        }

        List<String> firstPage = QuarkusTransaction.requiringNew()
                .call(() -> reader.page(transfer, null, Set.of(), 3).stream()
                        .map(record -> record.path)
                        .toList());
        List<String> secondPage = QuarkusTransaction.requiringNew()
                .call(() -> reader.page(transfer, firstPage.get(2), Set.of(), 3).stream()
                        .map(record -> record.path)
                        .toList());

        assertThat(firstPage).containsExactly("B", "a", "a.b");
        assertThat(secondPage).containsExactly("a/b", "ab", "é");
    }
}
