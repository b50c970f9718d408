package io.meshlift.agent.swarm;

import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.meshlift.core.path.RelativePath;

/**
 * The verified chunks of one dataset being received. A file is either in progress (its verified chunks
 * sit in its part file, listed here) or complete (verified as a whole and under its final name). Thread
 * safe: the pull's workers record while the peer server reads.
 */
public final class ReceivingDataset {

    private final Map<RelativePath, HeldFile> files = new ConcurrentHashMap<>();

    /**
     * One file's state here: its version (size and chunk size, as in the manifest it was fetched with), and
     * the chunks verified so far; {@code complete} once the whole file is in place.
     */
    public static final class HeldFile {
        private final long size;
        private final int chunkSize;
        private final int chunkCount;
        private final BitSet verified;
        private volatile boolean complete;

        HeldFile(long size, int chunkSize, int chunkCount) {
            this.size = size;
            this.chunkSize = chunkSize;
            this.chunkCount = chunkCount;
            this.verified = new BitSet(chunkCount);
        }

        public long size() {
            return size;
        }

        public int chunkSize() {
            return chunkSize;
        }

        public boolean complete() {
            return complete;
        }

        public synchronized boolean verified(int index) {
            return complete || verified.get(index);
        }

        /** Bit i of byte i/8, least significant bit first: the wire's bitmap format. */
        synchronized byte[] bitmap() {
            if (!complete) {
                return verified.toByteArray();
            }
            BitSet all = new BitSet(chunkCount);
            all.set(0, chunkCount);
            return all.toByteArray();
        }
    }

    /** Records that chunk {@code index} of {@code file} was verified against the manifest and written. */
    public void chunkVerified(RelativePath file, long size, int chunkSize, int chunkCount, int index) {
        HeldFile held = files.compute(
                file,
                (path, current) -> current != null && current.size == size && current.chunkSize == chunkSize
                        ? current
                        : new HeldFile(size, chunkSize, chunkCount));
        synchronized (held) {
            held.verified.set(index);
        }
    }

    /** Records that {@code file} is verified as a whole and under its final name. */
    public void fileComplete(RelativePath file, long size, int chunkSize, int chunkCount) {
        HeldFile held = new HeldFile(size, chunkSize, chunkCount);
        held.complete = true;
        files.put(file, held);
    }

    public Optional<HeldFile> file(RelativePath file) {
        return Optional.ofNullable(files.get(file));
    }

    /** Per file with anything verified, its bitmap; sorted by path so equal states give equal answers. */
    public Map<String, byte[]> bitmaps() {
        Map<String, byte[]> bitmaps = new TreeMap<>();
        files.forEach((path, held) -> {
            byte[] bitmap = held.bitmap();
            if (bitmap.length > 0) {
                bitmaps.put(path.toString(), bitmap);
            }
        });
        return bitmaps;
    }
}
