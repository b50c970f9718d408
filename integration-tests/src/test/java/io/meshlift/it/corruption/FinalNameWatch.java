package io.meshlift.it.corruption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.meshlift.it.dataset.TreeSnapshot;

/**
 * Watches one final file name (inotify through WatchService) while a pull runs and, every time that
 * name is created or modified, hashes what is there. A correct destination only ever shows the
 * complete, verified file under that name.
 */
final class FinalNameWatch implements AutoCloseable {

    private final Path file;
    private final String expectedSha256;
    private final WatchService watcher;
    private final Thread thread;
    private final List<String> observations = new ArrayList<>();
    private volatile boolean stopped;

    private FinalNameWatch(Path file, String expectedSha256) throws IOException {
        this.file = file;
        this.expectedSha256 = expectedSha256;
        this.watcher = FileSystems.getDefault().newWatchService();
        file.getParent()
                .register(
                        watcher,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.OVERFLOW);
        this.thread = new Thread(this::watch, "final-name-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code file}, whose directory must exist. */
    static FinalNameWatch start(Path file, String expectedSha256) throws IOException {
        FinalNameWatch watch = new FinalNameWatch(file, expectedSha256);
        watch.thread.start();
        return watch;
    }

    /** Every look at the final name: "EVENT sha256" per observation. */
    synchronized List<String> observations() {
        return List.copyOf(observations);
    }

    /** Observations whose content was not the expected file. */
    synchronized List<String> wrongContent() {
        return observations.stream()
                .filter(seen -> !seen.endsWith(" " + expectedSha256))
                .toList();
    }

    private void watch() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            if (key == null) {
                // Stop only once the queue is drained, so late events are still looked at.
                if (stopped) {
                    return;
                }
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                boolean overflow = event.kind() == StandardWatchEventKinds.OVERFLOW;
                if (overflow || file.getFileName().equals(event.context())) {
                    look(event.kind().name());
                }
            }
            key.reset();
        }
    }

    private void look(String event) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String seen;
        try {
            seen = TreeSnapshot.sha256(file);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            observations.add(event + " " + seen);
        }
    }

    /** Looks at the events still queued, then stops watching. Idempotent. */
    void stop() throws IOException {
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.close();
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
