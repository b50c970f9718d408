package io.meshlift.coordinator.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The hash formula and the offline verifier, without a database. */
class LedgerChainTest {

    private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @TempDir
    Path dir;

    @Test
    void hashesTheDocumentedNewlineSeparatedFields() throws Exception {
        String payloadSha = LedgerChain.sha256Hex("{\"path\":\"a\"}");
        String text = LedgerChain.GENESIS_HASH + "\n1\n" + JOB + "\nFILE_VERIFIED\n2030-01-01T00:00:00.000001Z\n"
                + payloadSha;
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(LedgerChain.hash(
                        LedgerChain.GENESIS_HASH,
                        1,
                        JOB.toString(),
                        "FILE_VERIFIED",
                        "2030-01-01T00:00:00.000001Z",
                        payloadSha))
                .isEqualTo(expected);
    }

    @Test
    void anIntactExportFromGenesisVerifies() throws IOException {
        List<LedgerRecord> chain = chain(JOB, OTHER, JOB);

        LedgerChain.Result result = verify(export(chain, JOB));

        assertThat(result).isEqualTo(new LedgerChain.Result(true, 3, null, null, 3, chain.get(2).hash));
    }

    @Test
    void aRecordOneMustPointToGenesis() throws IOException {
        List<LedgerRecord> chain = chain(JOB);
        String forged = export(chain, JOB).replace(LedgerChain.GENESIS_HASH, "1".repeat(64));

        assertThat(verify(forged).brokenAt()).isEqualTo(1);
    }

    @Test
    void aMissingLineIsReportedAtItsSeq() throws IOException {
        List<LedgerRecord> chain = chain(JOB, JOB, JOB);
        String withoutSecond = String.join("\n", export(chain.subList(0, 1), JOB), export(chain.subList(2, 3), JOB));

        LedgerChain.Result result = verify(withoutSecond);

        assertThat(result.brokenAt()).isEqualTo(2);
        assertThat(result.reason()).isEqualTo("record 2 is missing: the next record is 3");
        assertThat(result.records()).isEqualTo(1);
    }

    @Test
    void anAlteredRedactedRecordBreaksTheChain() throws IOException {
        List<LedgerRecord> chain = chain(JOB, OTHER, JOB);
        String export = export(chain, JOB);
        String otherDigest = LedgerChain.sha256Hex(chain.get(1).payload);
        String altered = export.replace(otherDigest, LedgerChain.sha256Hex("{\"n\":99}"));

        LedgerChain.Result result = verify(altered);

        assertThat(result.brokenAt()).isEqualTo(2);
        assertThat(result.reason()).contains("hash does not match");
    }

    @Test
    void aLineThatIsNotARecordIsReported() throws IOException {
        String export = export(chain(JOB, JOB), JOB);
        String broken = export.lines().findFirst().orElseThrow() + "\n{\"seq\":\"two\"}\n";

        LedgerChain.Result result = verify(broken);

        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(2);
        assertThat(result.reason()).startsWith("line 2 is not a ledger record");
    }

    @Test
    void theOfflineCommandNeedsOnlyTheJdk() throws Exception {
        List<LedgerRecord> chain = chain(JOB, OTHER, JOB);
        Path intact = Files.writeString(dir.resolve("intact.jsonl"), export(chain, JOB));
        Path altered = Files.writeString(
                dir.resolve("altered.jsonl"), export(chain, JOB).replace("\\\"n\\\":0", "\\\"n\\\":7"));

        Run ok = java(intact);
        Run broken = java(altered);

        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("valid: 3 records, last seq 3, last hash " + chain.get(2).hash);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("BROKEN at seq 1");
    }

    @Test
    void theDocumentedJqRecipeRecomputesAHash() throws Exception {
        assumeTrue(onPath("jq") && onPath("sha256sum"), "jq and sha256sum are not installed");
        List<LedgerRecord> chain = chain(JOB, OTHER);
        String line = export(chain, JOB).lines().toList().get(1);
        Path file = Files.writeString(dir.resolve("line.json"), line + "\n");
        String recipe = "jq -j '\"\\(.prevHash)\\n\\(.seq)\\n\\(.jobId // \"\")\\n\\(.kind)\\n\\(.recordedAt)\\n"
                + "\\(.payloadSha256)\"' " + file + " | sha256sum";

        Run run = run(List.of("bash", "-c", recipe));

        assertThat(run.output()).startsWith(chain.get(1).hash);
    }

    /** Records 1..n of a chain, the i-th belonging to {@code jobs[i]} with payload {"n":i}. */
    static List<LedgerRecord> chain(UUID... jobs) {
        List<LedgerRecord> chain = new ArrayList<>();
        String prev = LedgerChain.GENESIS_HASH;
        for (int i = 0; i < jobs.length; i++) {
            LedgerRecord record = new LedgerRecord();
            record.seq = i + 1;
            record.jobId = jobs[i];
            record.kind = LedgerKind.FILE_VERIFIED.name();
            record.payload = "{\"n\":" + i + "}";
            record.prevHash = prev;
            record.recordedAt = Instant.parse("2030-01-01T00:00:00Z").plusNanos(1000L * i);
            record.hash = LedgerChain.hash(
                    prev,
                    record.seq,
                    record.jobId.toString(),
                    record.kind,
                    record.recordedAt.toString(),
                    LedgerChain.sha256Hex(record.payload));
            prev = record.hash;
            chain.add(record);
        }
        return chain;
    }

    static String export(List<LedgerRecord> records, UUID job) {
        StringBuilder out = new StringBuilder();
        records.forEach(r -> out.append(LedgerExporter.line(r, job)).append('\n'));
        return out.toString();
    }

    private static LedgerChain.Result verify(String export) throws IOException {
        return LedgerChain.verifyExport(new BufferedReader(new StringReader(export)));
    }

    private static Run java(Path export) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path source = Path.of("src/main/java/io/meshlift/coordinator/audit/LedgerChain.java");
        return run(List.of(java, source.toString(), export.toString()));
    }

    private static Run run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    record Run(int exit, String output) {}
}
