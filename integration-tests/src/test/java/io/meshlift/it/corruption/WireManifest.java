package io.meshlift.it.corruption;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import io.meshlift.it.dataset.TreeEntry;
import io.meshlift.it.dataset.TreeSnapshot;
import io.meshlift.proto.peer.v1.EntryType;
import io.meshlift.proto.peer.v1.ManifestEntry;
import io.meshlift.proto.peer.v1.ManifestPart;

/**
 * A correct manifest of a small directory, computed here from the protocol's definition (not with
 * Meshlift's manifest code): entries in path-byte order, chunk and file SHA-256s, and the dataset
 * digest over the sorted {@code sha256sum} lines.
 */
final class WireManifest {

    private static final int ENTRIES_PER_PART = 1024;

    private final int chunkSize;
    private final Map<String, ManifestEntry> entries;
    private final Map<String, Path> files;
    private final byte[] datasetDigest;
    private final long totalBytes;

    private WireManifest(
            int chunkSize,
            Map<String, ManifestEntry> entries,
            Map<String, Path> files,
            byte[] datasetDigest,
            long totalBytes) {
        this.chunkSize = chunkSize;
        this.entries = entries;
        this.files = files;
        this.datasetDigest = datasetDigest;
        this.totalBytes = totalBytes;
    }

    static WireManifest of(Path root, int chunkSize) throws IOException {
        List<Map.Entry<String, TreeEntry>> sorted =
                new ArrayList<>(TreeSnapshot.of(root).entrySet());
        sorted.removeIf(entry -> entry.getKey().isEmpty());
        sorted.sort(Comparator.comparing(
                entry -> entry.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        MessageDigest dataset = sha256();
        long totalBytes = 0;
        for (var item : sorted) {
            String path = item.getKey();
            TreeEntry entry = item.getValue();
            ManifestEntry.Builder wire = ManifestEntry.newBuilder()
                    .setPath(path)
                    .setMode(entry.mode())
                    .setMtimeNanos(entry.mtimeNanos());
            switch (entry.type()) {
                case TreeEntry.DIRECTORY -> wire.setType(EntryType.ENTRY_TYPE_DIRECTORY);
                case TreeEntry.SYMLINK ->
                    wire.setType(EntryType.ENTRY_TYPE_SYMLINK).setMode(0777).setSymlinkTarget(entry.linkTarget());
                case TreeEntry.FILE -> {
                    Path file = root.resolve(path);
                    wire.setType(EntryType.ENTRY_TYPE_FILE).setSize(entry.size());
                    for (int i = 0; i * (long) chunkSize < entry.size(); i++) {
                        wire.addChunkDigests(
                                ByteString.copyFrom(sha256().digest(read(file, i, chunkSize, entry.size()))));
                    }
                    byte[] fileDigest = HexFormat.of().parseHex(entry.sha256());
                    wire.setFileDigest(ByteString.copyFrom(fileDigest));
                    dataset.update((entry.sha256() + "  " + path + "\n").getBytes(StandardCharsets.UTF_8));
                    files.put(path, file);
                    totalBytes += entry.size();
                }
                default -> throw new IllegalArgumentException("unsupported entry " + path);
            }
            entries.put(path, wire.build());
        }
        return new WireManifest(chunkSize, entries, files, dataset.digest(), totalBytes);
    }

    /** The manifest as the GetManifest stream sends it; the last part carries digest and totals. */
    List<ManifestPart> parts() {
        List<ManifestPart> parts = new ArrayList<>();
        ManifestPart.Builder part = ManifestPart.newBuilder().setChunkSize(chunkSize);
        for (ManifestEntry entry : entries.values()) {
            part.addEntries(entry);
            if (part.getEntriesCount() == ENTRIES_PER_PART) {
                parts.add(part.build());
                part = ManifestPart.newBuilder().setChunkSize(chunkSize);
            }
        }
        parts.add(part.setLast(true)
                .setDatasetDigest(ByteString.copyFrom(datasetDigest))
                .setTotalFiles(files.size())
                .setTotalBytes(totalBytes)
                .build());
        return parts;
    }

    int chunkSize() {
        return chunkSize;
    }

    ManifestEntry entry(String path) {
        return entries.get(path);
    }

    /** The bytes of chunk {@code index} of file {@code path}, read from disk. */
    byte[] chunk(String path, int index) throws IOException {
        ManifestEntry entry = entries.get(path);
        return read(files.get(path), index, chunkSize, entry.getSize());
    }

    String datasetDigestHex() {
        return HexFormat.of().formatHex(datasetDigest);
    }

    private static byte[] read(Path file, int index, int chunkSize, long size) throws IOException {
        long offset = index * (long) chunkSize;
        byte[] bytes = new byte[(int) Math.min(chunkSize, size - offset)];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            in.readFully(bytes);
        }
        return bytes;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
