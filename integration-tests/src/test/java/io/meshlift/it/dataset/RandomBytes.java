package io.meshlift.it.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** Seeded, fast pseudo-random content: the same seed always gives the same bytes. */
public final class RandomBytes {

    private static final int BUFFER = 1 << 20;

    private RandomBytes() {}

    /** Writes {@code size} bytes drawn from {@code random} to a new file, in 1 MiB buffers. */
    public static void writeFile(Path file, long size, SplittableRandom random) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                int length = (int) Math.min(BUFFER, left);
                fill(buffer, length, random);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                left -= length;
            }
        }
    }

    /** {@code length} bytes from {@code random}. */
    public static byte[] bytes(int length, SplittableRandom random) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void fill(ByteBuffer buffer, int length, SplittableRandom random) {
        buffer.clear();
        int longs = length / Long.BYTES;
        for (int i = 0; i < longs; i++) {
            buffer.putLong(random.nextLong());
        }
        while (buffer.position() < length) {
            buffer.put((byte) random.nextInt());
        }
        buffer.flip();
    }
}
