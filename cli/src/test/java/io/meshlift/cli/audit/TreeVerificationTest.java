package io.meshlift.cli.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

class TreeVerificationTest {

    @TempDir
    Path dir;

    private final Map<String, AuditedFile> audited = new HashMap<>();

    @Test
    void aTreeEqualToItsAuditIsClean() throws Exception {
        file("a.txt", "alpha\n");
        file("sub/b.txt", "beta\n");

        TreeVerification.Result result = TreeVerification.verify(dir, audited);

        assertThat(result.differences()).isEmpty();
        assertThat(result.files()).isEqualTo(2);
        // the dataset digest as coreutils would compute it: sha256 of the sorted sha256sum lines
        String lines = Sha256.hex(Sha256.of("alpha\n".getBytes(StandardCharsets.UTF_8))) + "  a.txt\n"
                + Sha256.hex(Sha256.of("beta\n".getBytes(StandardCharsets.UTF_8))) + "  sub/b.txt\n";
        assertThat(result.datasetDigest()).isEqualTo(Sha256.hex(Sha256.of(lines.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void reportsChangedAbsentAndUnauditedFiles() throws Exception {
        file("same.txt", "same\n");
        file("changed.txt", "before\n");
        Files.writeString(dir.resolve("changed.txt"), "after\n");
        audit("gone.txt", "was here\n");
        Files.writeString(dir.resolve("new.txt"), "not in the job\n");

        TreeVerification.Result result = TreeVerification.verify(dir, audited);

        assertThat(result.differences())
                .extracting(TreeVerification.Difference::kind, TreeVerification.Difference::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TreeVerification.Kind.MISMATCH, "changed.txt"),
                        org.assertj.core.groups.Tuple.tuple(TreeVerification.Kind.MISSING, "gone.txt"),
                        org.assertj.core.groups.Tuple.tuple(TreeVerification.Kind.EXTRA, "new.txt"));
        assertThat(result.differences().get(0).expected()).isEqualTo(hex("before\n"));
        assertThat(result.differences().get(0).actual()).isEqualTo(hex("after\n"));
    }

    @Test
    void aFileTheAuditRecordedAsMismatchedStaysADifference() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "source content\n");
        audited.put(
                "x.txt", new AuditedFile("x.txt", 15, hex("source content\n"), hex("corrupted at copy\n"), "MISMATCH"));

        TreeVerification.Result result = TreeVerification.verify(dir, audited);

        assertThat(result.differences())
                .extracting(TreeVerification.Difference::kind)
                .containsExactly(TreeVerification.Kind.MISMATCH);
    }

    private void file(String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        audit(path, content);
    }

    private void audit(String path, String content) {
        audited.put(path, new AuditedFile(path, content.length(), hex(content), hex(content), "MATCH"));
    }

    private static String hex(String content) {
        return Sha256.hex(Sha256.of(content.getBytes(StandardCharsets.UTF_8)));
    }
}
