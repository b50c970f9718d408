package io.meshlift.core.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte quantities as people write them in plans and configuration: {@code 4MiB}, {@code 200MiB},
 * {@code 1.5GiB}, {@code 10MB}, {@code 512} (bytes). Binary units (KiB, MiB, GiB, TiB) are powers
 * of 1024, decimal ones (kB/KB, MB, GB, TB) powers of 1000.
 */
public final class ByteSize {

    private static final Pattern FORMAT =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]i?[bB]|[bB])?\\s*(/s)?\\s*");

    private ByteSize() {}

    /**
     * @throws IllegalArgumentException naming the input and the accepted units
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a size is required, e.g. 4MiB");
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a size; write a number with an optional unit: B, KiB, MiB, GiB, TiB, kB, MB, GB, TB");
        }
        double number = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        double bytes = number * multiplier(unit);
        if (bytes > Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (bytes != Math.floor(bytes)) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes");
        }
        return (long) bytes;
    }

    private static double multiplier(String unit) {
        return switch (unit) {
            case "b" -> 1;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    /** Human form with a binary unit, e.g. {@code 1.5 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
