package io.meshlift.coordinator.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.coordinator.job.JobFixtures;
import io.meshlift.coordinator.security.Roles;
import io.meshlift.core.digest.Sha256;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class JobAuditResourceTest {

    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);
    static final String D = "d".repeat(64);
    static final String COMMA = "b, \"q\".txt";

    @Inject
    JobFixtures jobs;

    @Inject
    AuditFixtures fixtures;

    UUID job;
    UUID alpha;
    UUID beta;

    /** alpha (digests match): a.txt MATCH, COMMA MISMATCH, dir/c.txt MATCH; beta (differ): x\ny MATCH, z.bin MISMATCH. */
    @BeforeEach
    void seed() {
        job = jobs.job();
        alpha = fixtures.transfer(job, "alpha", "dc2-db-01", D, D);
        beta = fixtures.transfer(job, "beta", "dc3-db-01", D, C);
        fixtures.file(alpha, "dir/c.txt", 3, C, C, "dc2-db-01");
        fixtures.file(alpha, COMMA, 2, A, B, "dc2-db-01");
        fixtures.file(alpha, "a.txt", 1, A, A, "dc2-db-01");
        fixtures.file(beta, "z.bin", 5, A, C, "dc3-db-01");
        fixtures.file(beta, "x\ny", 4, B, B, "dc3-db-01");
    }

    @Test
    void listsTransfersWithDatasetDigestsAndFileRowsInTransferAndPathOrder() {
        given().when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("jobId", equalTo(job.toString()))
                .body("transfers.dataset", contains("alpha", "beta"))
                .body("transfers.destination", contains("dc2-db-01:data:alpha", "dc3-db-01:data:beta"))
                .body("transfers.source", contains("dc1-db-01:data:alpha", "dc1-db-01:data:beta"))
                .body("transfers.state", contains("SUCCEEDED", "SUCCEEDED"))
                .body("transfers.sourceDigest", contains(D, D))
                .body("transfers.destinationDigest", contains(D, C))
                .body("transfers.digestsMatch", contains(true, false))
                .body("transfers[0].files.recorded", equalTo(3))
                .body("transfers[0].files.match", equalTo(2))
                .body("transfers[0].files.mismatch", equalTo(1))
                .body("transfers[0].files.missing", equalTo(0))
                .body("transfers[1].files.unrecorded", equalTo(1))
                .body("files.path", contains("a.txt", COMMA, "dir/c.txt", "x\ny", "z.bin"))
                .body("files.status", contains("MATCH", "MISMATCH", "MATCH", "MATCH", "MISMATCH"))
                .body("files[1].transferId", equalTo(alpha.toString()))
                .body("files[1].dataset", equalTo("alpha"))
                .body("files[1].destination", equalTo("dc2-db-01:data:alpha"))
                .body("files[1].size", equalTo(2))
                .body("files[1].sourceSha256", equalTo(A))
                .body("files[1].destinationSha256", equalTo(B))
                .body("files[1].verifiedAt", equalTo("2026-01-02T03:04:05Z"))
                .body("files[1].verifiedBy", equalTo("dc2-db-01"))
                .body("files[1].pass", equalTo(1))
                .body("nextAfter", nullValue());
    }

    @Test
    void filtersByStatusRepeatedOrCommaSeparated() {
        given().queryParam("status", "mismatch")
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(200)
                .body("files.path", contains(COMMA, "z.bin"));
        given().queryParam("status", "MATCH,missing")
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .body("files.path", contains("a.txt", "dir/c.txt", "x\ny"));
        given().queryParam("status", "missing")
                .queryParam("status", "mismatch")
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .body("files.path", contains(COMMA, "z.bin"));
        given().queryParam("status", "missing")
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .body("files", hasSize(0));
    }

    @Test
    void filtersByTransfer() {
        given().queryParam("transferId", beta.toString())
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(200)
                .body("transfers.dataset", contains("beta"))
                .body("files.path", contains("x\ny", "z.bin"));
    }

    @Test
    void pagesWithTheNextAfterCursorAcrossTransfers() {
        String next = given().queryParam("limit", 2)
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(200)
                .body("files.path", contains("a.txt", COMMA))
                .body("nextAfter", equalTo(alpha + ":" + COMMA))
                .extract()
                .path("nextAfter");
        next = given().queryParam("limit", 2)
                .queryParam("after", next)
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(200)
                .body("files.path", contains("dir/c.txt", "x\ny"))
                .extract()
                .path("nextAfter");
        given().queryParam("limit", 2)
                .queryParam("after", next)
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(200)
                .body("files.path", contains("z.bin"))
                .body("nextAfter", nullValue());
    }

    @Test
    void exportsJsonLines() {
        String body = export("json", null)
                .contentType("application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit-" + job + ".jsonl\"")
                .extract()
                .asString();
        assertThat(body.lines()).hasSize(5);
        assertThat(body.lines().findFirst().orElseThrow())
                .isEqualTo("{\"transferId\":\"" + alpha
                        + "\",\"dataset\":\"alpha\",\"destination\":\"dc2-db-01:data:alpha\","
                        + "\"path\":\"a.txt\",\"size\":1,\"sourceSha256\":\"" + A + "\",\"destinationSha256\":\"" + A
                        + "\",\"verifiedAt\":\"2026-01-02T03:04:05Z\",\"verifiedBy\":\"dc2-db-01\",\"pass\":1,"
                        + "\"status\":\"MATCH\"}");
        assertThat(body).contains("\"path\":\"x\\ny\"");
    }

    @Test
    void exportsCsvWithHeaderAndRfc4180Quoting() {
        String body = export("csv", alpha)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"audit-" + job + "-" + alpha + ".csv\"")
                .extract()
                .asString();
        String row = alpha + ",alpha,dc2-db-01:data:alpha,";
        String tail = ",2026-01-02T03:04:05Z,dc2-db-01,1,";
        assertThat(body)
                .isEqualTo("transferId,dataset,destination,path,size,sourceSha256,destinationSha256,verifiedAt,"
                        + "verifiedBy,pass,status\r\n"
                        + row + "a.txt,1," + A + "," + A + tail + "MATCH\r\n"
                        + row + "\"b, \"\"q\"\".txt\",2," + A + "," + B + tail + "MISMATCH\r\n"
                        + row + "dir/c.txt,3," + C + "," + C + tail + "MATCH\r\n");
    }

    @Test
    void exportsSha256sumLinesOfTheDestinationAsCoreutilsPrintsThem() {
        String body = export("sha256sum", beta)
                .contentType(startsWith("text/plain"))
                .header("Content-Disposition", "attachment; filename=\"audit-" + job + "-" + beta + ".sha256\"")
                .extract()
                .asString();
        assertThat(body).isEqualTo("\\" + B + "  x\\ny\n" + C + "  z.bin\n");
    }

    @Test
    void exportFiltersByStatus() {
        String body = given().queryParam("status", "mismatch")
                .when()
                .get("/api/v1/jobs/{job}/audit/export", job)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(body.lines()).hasSize(2).allMatch(l -> l.contains("\"status\":\"MISMATCH\""));
    }

    @Test
    void answers404ForAnUnknownJobOrATransferOfAnotherJob() {
        UUID unknown = UUID.randomUUID();
        given().when()
                .get("/api/v1/jobs/{job}/audit", unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:not-found"))
                .body("detail", equalTo("no job with id " + unknown));
        given().queryParam("format", "csv")
                .when()
                .get("/api/v1/jobs/{job}/audit/export", unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        UUID other = fixtures.transfer(jobs.job(), "alpha", "dc2-db-01", null, null);
        given().queryParam("transferId", other.toString())
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(404)
                .body("detail", equalTo("no transfer with id " + other));
    }

    @Test
    void answers400ListingEveryBadParameter() {
        given().queryParam("status", "match,bogus")
                .queryParam("limit", 10_001)
                .queryParam("after", "not-a-cursor")
                .queryParam("transferId", "nope")
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:invalid-request"))
                .body("errors.field", contains("after", "limit", "status", "transferId"));
        given().queryParam("limit", 0)
                .when()
                .get("/api/v1/jobs/{job}/audit", job)
                .then()
                .statusCode(400)
                .body("errors.field", contains("limit"));
        given().queryParam("format", "xml")
                .when()
                .get("/api/v1/jobs/{job}/audit/export", job)
                .then()
                .statusCode(400)
                .body("errors.field", contains("format"));
        given().queryParam("format", "sha256sum")
                .when()
                .get("/api/v1/jobs/{job}/audit/export", job)
                .then()
                .statusCode(400)
                .body("errors.field", contains("transferId"));
        given().when()
                .get("/api/v1/jobs/not-a-uuid/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void sha256sumExportVerifiesTheDestinationTreeWithCoreutils(@TempDir Path tree) throws Exception {
        assumeTrue(onPath("sha256sum"), "coreutils sha256sum not installed");
        UUID transfer = fixtures.transfer(job, "tree", "dc4-db-01", null, null);
        for (String name : List.of("plain.txt", "with space", "back\\slash", "new\nline", "dir/nested.bin")) {
            Path file = tree.resolve(name);
            Files.createDirectories(file.getParent());
            byte[] content = name.getBytes(StandardCharsets.UTF_8);
            Files.write(file, content);
            String digest = Sha256.hex(Sha256.of(content));
            fixtures.file(transfer, name, content.length, digest, digest, "dc4-db-01");
        }
        Path sums = tree.resolveSibling(tree.getFileName() + ".sha256");
        Files.writeString(sums, export("sha256sum", transfer).extract().asString());

        Process check = new ProcessBuilder("sha256sum", "--strict", "-c", sums.toString())
                .directory(tree.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output.lines()).hasSize(5).allMatch(line -> line.endsWith(": OK"));
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private io.restassured.response.ValidatableResponse export(String format, UUID transfer) {
        var request = given().queryParam("format", format);
        if (transfer != null) {
            request = request.queryParam("transferId", transfer.toString());
        }
        return request.when().get("/api/v1/jobs/{job}/audit/export", job).then().statusCode(200);
    }
}
