package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;

import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.job.JobFixtures;
import io.meshlift.coordinator.security.Roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed export on a real database; run on H2 and PostgreSQL by the subclasses. The role is declared
 * here because quarkus-test-security reads {@code @TestSecurity} from the class that declares the test method.
 */
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
abstract class JobAuditExportContract {

    static final int FILES = 20_000;

    @Inject
    JobFixtures jobs;

    @Inject
    AuditFixtures fixtures;

    @Test
    void streamsEveryRecordOfALargeTransferInEveryFormat() {
        UUID job = jobs.job();
        UUID transfer = fixtures.transfer(job, "bulk", "dc2-db-01", null, null);
        fixtures.manyFiles(transfer, FILES);

        List<String> json = lines(job, "json", transfer);
        assertThat(json).hasSize(FILES);
        assertThat(json.get(FILES - 1)).contains("\"path\":\"f019999\"");

        assertThat(lines(job, "csv", transfer)).hasSize(FILES + 1);

        List<String> sums = lines(job, "sha256sum", transfer);
        assertThat(sums).hasSize(FILES);
        assertThat(sums.get(0)).isEqualTo(AuditFixtures.digest(0) + "  f000000");
        assertThat(sums.get(FILES - 1)).isEqualTo(AuditFixtures.digest(FILES - 1) + "  f019999");
    }

    @Test
    void ordersPathsByTheirBytes() {
        UUID job = jobs.job();
        UUID transfer = fixtures.transfer(job, "bytes", "dc2-db-01", null, null);
        String digest = "c".repeat(64);
        // Byte order: "B" (0x42) < "a" (0x61) < "a.b" < "a/b" < "ab" < "é" (0xC3 0xA9); locales disagree.
        for (String path : List.of("é", "ab", "a/b", "B", "a.b", "a")) {
            fixtures.file(transfer, path, 1, digest, digest, "dc2-db-01");
        }

        assertThat(lines(job, "sha256sum", transfer).stream().map(l -> l.substring(66)))
                .containsExactly("B", "a", "a.b", "a/b", "ab", "é");
    }

    private static List<String> lines(UUID job, String format, UUID transfer) {
        String body = given().queryParam("format", format)
                .queryParam("transferId", transfer.toString())
                .when()
                .get("/api/v1/jobs/{job}/audit/export", job)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return body.lines().toList();
    }
}
