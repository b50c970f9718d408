package io.meshlift.core.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.path.RelativePath;

/**
 * The dataset digest: SHA-256 over the {@code sha256sum} lines of every file ({@code "<hex>
 * <path>\n"}), sorted by path bytes. An auditor reproduces it with coreutils:
 *
 * <pre>
 * cd DATASET &amp;&amp; find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 -r sha256sum -- | sha256sum
 * </pre>
 *
 * Files must be added in ascending path-byte order; memory is constant.
 */
public final class DatasetDigest {

    private final MessageDigest digest = Sha256.newDigest();
    private RelativePath previous;
    private long files;

    public void add(RelativePath path, byte[] fileDigest) {
        if (previous != null && previous.compareTo(path) >= 0) {
            throw new IllegalStateException(
                    "dataset digest needs files in path-byte order: '" + path + "' came after '" + previous + "'");
        }
        previous = path;
        files++;
        digest.update(sha256sumLine(path.toString(), fileDigest).getBytes(StandardCharsets.UTF_8));
    }

    public long files() {
        return files;
    }

    /** Finishes the digest; the object cannot be used afterwards. */
    public byte[] finish() {
        return digest.digest();
    }

    /**
     * One line as GNU coreutils {@code sha256sum} prints it, including its escaping of names that
     * contain a backslash, a newline or a carriage return (the line then starts with a backslash).
     */
    public static String sha256sumLine(String path, byte[] fileDigest) {
        boolean escape = path.indexOf('\\') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0;
        String name = escape ? path.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") : path;
        return (escape ? "\\" : "") + Sha256.hex(fileDigest) + "  " + name + "\n";
    }
}
