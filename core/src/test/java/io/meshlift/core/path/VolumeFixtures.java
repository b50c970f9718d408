package io.meshlift.core.path;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * A volume {@code data} at {@code <tmp>/vol} next to a directory {@code <tmp>/outside} that holds a secret
 * file with {@link #CANARY} content: anything that shows the canary has read outside the volume.
 */
final class VolumeFixtures {

    static final String CANARY = "CANARY-outside-the-volume-must-never-be-read";

    final Path volumeDir;
    final Path outside;
    final VolumeRoot volume;

    private VolumeFixtures(Path volumeDir, Path outside) {
        this.volumeDir = volumeDir;
        this.outside = outside;
        this.volume = VolumeRoot.open("data", volumeDir);
    }

    static VolumeFixtures create(Path tmp) throws IOException {
        Path volumeDir = Files.createDirectory(tmp.resolve("vol"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), CANARY);
        return new VolumeFixtures(volumeDir, outside);
    }

    static RelativePath p(String path) {
        return RelativePath.parse(path);
    }

    /** Reads the whole channel as UTF-8 and closes it. */
    static String read(FileChannel channel) throws IOException {
        try (channel) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {}
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    /** Creates a named pipe, skipping the calling test where {@code mkfifo} is unavailable. */
    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).start();
        Assumptions.assumeTrue(process.waitFor() == 0, "mkfifo is available");
    }
}
