package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coalesces directory fsyncs: when many files are renamed into one directory at once, one fsync
 * started after a rename makes that rename durable, so concurrent callers share it. A caller returns
 * only after an fsync that began after its own request.
 */
final class DirectorySyncs {

    private final ConcurrentHashMap<Path, Sync> syncs = new ConcurrentHashMap<>();

    void sync(Path directory) throws IOException {
        syncs.computeIfAbsent(directory, d -> new Sync()).await(directory);
    }

    private static final class Sync {
        private long requested;
        private long completed;
        private boolean running;

        void await(Path directory) throws IOException {
            long ticket;
            synchronized (this) {
                ticket = ++requested;
            }
            while (true) {
                long covers;
                synchronized (this) {
                    while (running && completed < ticket) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted waiting for a directory fsync", e);
                        }
                    }
                    if (completed >= ticket) {
                        return;
                    }
                    running = true;
                    covers = requested;
                }
                boolean synced = false;
                try {
                    LocalFiles.fsyncDirectory(directory);
                    synced = true;
                } finally {
                    synchronized (this) {
                        if (synced) {
                            completed = Math.max(completed, covers);
                        }
                        running = false;
                        notifyAll();
                    }
                }
            }
        }
    }
}
