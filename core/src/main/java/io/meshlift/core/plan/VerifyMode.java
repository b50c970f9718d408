package io.meshlift.core.plan;

import java.util.Locale;
import java.util.Optional;

/** How a destination proves that an assembled file is right before it is renamed into place. */
public enum VerifyMode {
    /** Re-read the file from disk after fsync and compare its whole-file SHA-256 with the manifest. */
    FULL,
    /** Trust the chunk digests that were each verified before being written; faster, one read less. */
    CHUNKS;

    /** The spelling used in plan files: {@code full} or {@code chunks}. */
    public String planName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode spelled {@code text} in a plan file (exact, lowercase), if any. */
    public static Optional<VerifyMode> fromPlanName(String text) {
        for (VerifyMode mode : values()) {
            if (mode.planName().equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
