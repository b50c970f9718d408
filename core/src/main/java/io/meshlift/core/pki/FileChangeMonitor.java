package io.meshlift.core.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether any of a set of files changed, looking at most once per {@link #CHECK_INTERVAL} so
 * that the handshake path costs one {@code stat} per file per second at most.
 *
 * <p>A file counts as changed when its modification time, size or file key (inode) differs from the
 * last look; a missing file is a state of its own, so deletion and re-creation are both seen.
 * Writers should replace files atomically (as {@link Pem} does); then a change is seen even if two
 * writes land in the same mtime tick, because the inode differs.
 */
final class FileChangeMonitor {

    /** Minimum time between two looks at the files. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private record Stamp(boolean exists, long modifiedNanos, long size, Object fileKey) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(
                        true,
                        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                        attributes.size(),
                        attributes.fileKey());
            } catch (IOException e) {
                return new Stamp(false, 0, 0, null);
            }
        }
    }

    private final Clock clock;
    private final List<Path> files;
    private List<Stamp> stamps;
    private volatile long lastCheckMillis;

    /** Starts watching; the current state of {@code files} is the baseline. */
    FileChangeMonitor(Clock clock, List<Path> files) {
        this.clock = clock;
        this.files = List.copyOf(files);
        this.stamps = stamps();
        this.lastCheckMillis = clock.millis();
    }

    /**
     * Returns true if the check interval has passed and a file differs from the last look, which
     * then becomes the new baseline. Stat before read: callers load the files after this returns
     * true, so what they load is never older than the recorded baseline.
     */
    boolean pollChanged() {
        long now = clock.millis();
        if (tooSoon(now)) {
            return false;
        }
        synchronized (this) {
            if (tooSoon(now)) {
                return false;
            }
            lastCheckMillis = now;
            List<Stamp> current = stamps();
            if (current.equals(stamps)) {
                return false;
            }
            stamps = current;
            return true;
        }
    }

    /** A clock that went backwards counts as "time to look", so a step back cannot stall reloads. */
    private boolean tooSoon(long now) {
        long elapsed = now - lastCheckMillis;
        return elapsed >= 0 && elapsed < CHECK_INTERVAL.toMillis();
    }

    private List<Stamp> stamps() {
        return files.stream().map(Stamp::of).toList();
    }
}
