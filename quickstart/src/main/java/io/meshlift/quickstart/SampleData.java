package io.meshlift.quickstart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;

/**
 * The sample datasets on the source agent's volume, the two that {@code examples/quickstart-plan.yaml} names:
 * {@code projects} (a few hundred small files in nested directories, one large file, Unicode names, an
 * executable, a relative symlink, empty directories) and {@code media} (fewer, larger files). Contents are
 * random (incompressible) from a fixed seed, so every run moves the same bytes.
 */
final class SampleData {

    static final int KIB = 1024;
    static final int MIB = 1024 * KIB;

    private final SplittableRandom random = new SplittableRandom(20_260_101L);
    private long files;
    private long bytes;

    /** What was written, for the user. */
    record Summary(long files, long bytes) {}

    Summary generate(Path volume) {
        try {
            Path projects = volume.resolve("projects");
            for (int module = 1; module <= 12; module++) {
                Path dir = projects.resolve("src/module-" + String.format("%02d", module));
                for (int file = 1; file <= 20; file++) {
                    write(dir.resolve("part-" + file + ".dat"), KIB + random.nextInt(48 * KIB));
                }
            }
            write(projects.resolve("archive/build-cache.bin"), 8 * MIB + random.nextInt(MIB));
            write(projects.resolve("docs/Ünïcödé résumé.txt"), 3 * KIB);
            write(projects.resolve("docs/日本語のメモ.md"), 2 * KIB);
            write(projects.resolve("docs/emoji 🚀 launch.txt"), KIB);
            write(projects.resolve("docs/empty.txt"), 0);
            Path script = projects.resolve("bin/hello.sh");
            Files.createDirectories(script.getParent());
            Files.writeString(script, "#!/bin/sh\necho hello from meshlift\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            files++;
            Files.createSymbolicLink(projects.resolve("bin/latest-cache"), Path.of("../archive/build-cache.bin"));
            Files.createDirectories(projects.resolve("empty/nested"));

            Path media = volume.resolve("media");
            for (int album = 1; album <= 4; album++) {
                for (int photo = 1; photo <= 10; photo++) {
                    write(
                            media.resolve("album-" + album + "/photo-" + photo + ".raw"),
                            128 * KIB + random.nextInt(384 * KIB));
                }
            }
            write(media.resolve("video/clip.mp4"), 4 * MIB);
            return new Summary(files, bytes);
        } catch (IOException e) {
            throw new QuickstartException("cannot write the sample data under " + volume + ": " + e.getMessage(), e);
        }
    }

    private void write(Path file, int size) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] buffer = new byte[64 * KIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            int left = size;
            while (left > 0) {
                int n = Math.min(left, buffer.length);
                for (int i = 0; i < n; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8 && i + b < n; b++) {
                        buffer[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        files++;
        bytes += size;
    }
}
