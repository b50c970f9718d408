package io.meshlift.coordinator.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.job.JobFixtures;
import io.meshlift.coordinator.security.Roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class AuditLedgerResourceTest {

    @Inject
    LedgerService ledger;

    @Inject
    LedgerTampering tampering;

    @Inject
    JobFixtures fixtures;

    @Test
    void verifyAnswersValidWithTheLastSeqAndHash() {
        LedgerEntry last = ledger.append(fixtures.job(), LedgerKind.FILE_VERIFIED, Map.of("path", "a"));

        given().when()
                .get("/api/v1/audit/ledger/verify")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("valid", equalTo(true))
                .body("brokenAt", nullValue())
                .body("reason", nullValue())
                .body("lastSeq", equalTo((int) last.seq()))
                .body("lastHash", equalTo(last.hash()));
    }

    @Test
    void verifyReportsTheSeqOfATamperedRecord() {
        UUID job = fixtures.job();
        LedgerEntry victim = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a", "size", 1));
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b", "size", 1));
        LedgerRecord original = tampering.read(victim.seq());

        tampering.setPayload(victim.seq(), "{\"path\":\"a\",\"size\":0}");
        try {
            given().when()
                    .get("/api/v1/audit/ledger/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(false))
                    .body("brokenAt", equalTo((int) victim.seq()))
                    .body("reason", containsString("hash does not match"));
            given().queryParam("jobId", job.toString())
                    .when()
                    .get("/api/v1/audit/ledger/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(false))
                    .body("brokenAt", equalTo((int) victim.seq()));
        } finally {
            tampering.restore(original);
        }
    }

    @Test
    void verifyOfAJobCountsItsOwnRecords() {
        UUID job = fixtures.job();
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a"));
        ledger.append(fixtures.job(), LedgerKind.FILE_VERIFIED, Map.of("path", "other"));
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b"));

        given().queryParam("jobId", job.toString())
                .when()
                .get("/api/v1/audit/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("records", equalTo(2));
    }

    @Test
    void exportStreamsJsonLinesThatVerifyOffline() throws IOException {
        UUID job = fixtures.job();
        ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "a"));
        LedgerEntry last = ledger.append(job, LedgerKind.FILE_VERIFIED, Map.of("path", "b"));

        String body = given().queryParam("jobId", job.toString())
                .when()
                .get("/api/v1/audit/ledger/export")
                .then()
                .statusCode(200)
                .contentType(AuditLedgerResource.JSON_LINES)
                .header("Content-Disposition", containsString("ledger-" + job + ".jsonl"))
                .extract()
                .asString();

        LedgerChain.Result result = LedgerChain.verifyExport(new BufferedReader(new StringReader(body)));
        assertThat(result).isEqualTo(new LedgerChain.Result(true, 2, null, null, last.seq(), last.hash()));
    }

    @Test
    void exportWithoutAJobIdIsAValidationProblem() {
        given().when()
                .get("/api/v1/audit/ledger/export")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("1 field is invalid: jobId"))
                .body("instance", equalTo("/api/v1/audit/ledger/export"))
                .body("errors.field", contains("jobId"))
                .body("errors.message", contains("must not be null"));
    }

    @Test
    void aMalformedJobIdIsAValidationProblem() {
        given().queryParam("jobId", "not-a-uuid")
                .when()
                .get("/api/v1/audit/ledger/verify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("jobId"))
                .body("errors.message", contains("must be a UUID"));
    }

    @Test
    void anUnknownJobIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        given().queryParam("jobId", unknown)
                .when()
                .get("/api/v1/audit/ledger/export")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("no job with id " + unknown))
                .body("instance", equalTo("/api/v1/audit/ledger/export"))
                .body("errors", nullValue());
    }
}
