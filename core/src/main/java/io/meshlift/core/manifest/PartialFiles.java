package io.meshlift.core.manifest;

import java.nio.charset.StandardCharsets;

import io.meshlift.core.digest.Sha256;

/**
 * Names of the files a destination keeps beside a target while assembling it. They never appear in
 * a manifest, so a destination that later serves as a source never offers half-written data.
 */
public final class PartialFiles {

    public static final String PART_SUFFIX = ".meshlift-part";
    public static final String JOURNAL_SUFFIX = ".meshlift-journal";

    private static final int MAX_NAME_BYTES = 255;

    private PartialFiles() {}

    /** Temp file for {@code fileName}, hidden, in the same directory so the final rename is atomic. */
    public static String partName(String fileName) {
        return hidden(fileName, PART_SUFFIX);
    }

    /** Durable record of the chunks already verified and written into the part file. */
    public static String journalName(String fileName) {
        return hidden(fileName, JOURNAL_SUFFIX);
    }

    /** Long names would overflow the 255-byte name limit; they use a digest of the name instead. */
    private static String hidden(String fileName, String suffix) {
        String name = "." + fileName + suffix;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        byte[] digest = Sha256.of(fileName.getBytes(StandardCharsets.UTF_8));
        return "." + Sha256.hex(digest).substring(0, 32) + suffix;
    }

    public static boolean isPartialName(String fileName) {
        return fileName.startsWith(".") && (fileName.endsWith(PART_SUFFIX) || fileName.endsWith(JOURNAL_SUFFIX));
    }
}
