package io.meshlift.cli.output;

import java.util.Locale;

/** Bytes, rates and durations as people read them: {@code 1.5 GiB}, {@code 20.0 MiB/s}, {@code 1h02m}. */
public final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {}

    /** {@code 0 B}, {@code 1023 B}, {@code 1.0 KiB}, {@code 4.0 MiB}: binary prefixes, one decimal. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY[unit]);
    }

    /** A rate in bytes per second, e.g. {@code 12.5 MiB/s}. */
    public static String rate(long bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /** {@code 45s}, {@code 3m05s}, {@code 2h07m}, {@code 3d04h}; {@code -} when unknown (null or negative). */
    public static String duration(Long seconds) {
        if (seconds == null || seconds < 0) {
            return "-";
        }
        long s = seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, (s % 86_400) / 3600);
    }

    /** {@code done/total} as a percentage with one decimal; {@code -} when the total is not known yet. */
    public static String percent(long done, long total) {
        if (total <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * done / total);
    }
}
