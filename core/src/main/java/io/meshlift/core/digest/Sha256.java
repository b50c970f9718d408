package io.meshlift.core.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the only digest Meshlift trusts for content: chunks, files and datasets. */
public final class Sha256 {

    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public static byte[] of(byte[] data) {
        return newDigest().digest(data);
    }

    public static byte[] of(byte[] data, int offset, int length) {
        MessageDigest digest = newDigest();
        digest.update(data, offset, length);
        return digest.digest();
    }

    /** Lower-case hex, as printed by {@code sha256sum}. */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /** Parses 64 hex digits; throws {@link IllegalArgumentException} naming the bad input otherwise. */
    public static byte[] fromHex(String hex) {
        if (hex == null || hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 hex digits, got: " + hex);
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 hex digits, got: " + hex, e);
        }
    }

    /** True when {@code digest} is a well-formed SHA-256 value (exactly 32 bytes). */
    public static boolean isDigest(byte[] digest) {
        return digest != null && digest.length == LENGTH;
    }
}
