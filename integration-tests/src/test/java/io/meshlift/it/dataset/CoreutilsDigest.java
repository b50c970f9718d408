package io.meshlift.it.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The dataset digest as an auditor recomputes it with coreutils, run in a real shell:
 * {@code find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum}.
 */
public final class CoreutilsDigest {

    static final String PIPELINE = "set -o pipefail; find . -type f -printf '%P\\0' | LC_ALL=C sort -z"
            + " | xargs -0 --no-run-if-empty sha256sum | sha256sum";

    private CoreutilsDigest() {}

    /** @return the lowercase hex digest printed by the pipeline run in {@code datasetRoot} */
    public static String of(Path datasetRoot) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", PIPELINE)
                .directory(datasetRoot.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("coreutils digest pipeline did not finish in 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("coreutils digest pipeline exited with " + process.exitValue());
        }
        String digest = output.trim().split("\\s+")[0];
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("unexpected sha256sum output: " + output);
        }
        return digest;
    }
}
