package io.meshlift.agent.peer;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

import io.meshlift.agent.wire.InvalidWireMessageException;
import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.path.VolumeRoot;
import io.meshlift.core.path.Volumes;
import io.meshlift.proto.peer.v1.DatasetRef;

/**
 * Resolves what a peer asks for to files inside this agent's volumes, never outside: every path is
 * parsed as a {@link RelativePath} and resolved without following symlinks.
 */
final class SourceDatasets {

    private final Volumes volumes;

    SourceDatasets(Volumes volumes) {
        this.volumes = volumes;
    }

    /** The dataset's root directory. */
    Path datasetRoot(DatasetRef ref) throws java.io.IOException {
        VolumeRoot volume = volumes.get(ref.getVolume());
        RelativePath path = parse(ref.getPath(), true, "dataset path");
        Path root = volume.resolveExisting(path);
        FileStat stat = FileStat.of(root);
        if (stat.type() != EntryType.DIRECTORY) {
            throw new InvalidWireMessageException(
                    "dataset '" + ref.getPath() + "' in volume '" + ref.getVolume() + "' is not a directory");
        }
        return root;
    }

    /** Opens a regular file of the dataset for reading; symlinks and special files are refused. */
    FileChannel openFile(DatasetRef ref, String filePath) {
        VolumeRoot volume = volumes.get(ref.getVolume());
        RelativePath dataset = parse(ref.getPath(), true, "dataset path");
        RelativePath file = parse(filePath, false, "file path");
        return volume.openForRead(dataset.resolve(file));
    }

    FileStat statFile(DatasetRef ref, String filePath) throws java.io.IOException {
        VolumeRoot volume = volumes.get(ref.getVolume());
        RelativePath dataset = parse(ref.getPath(), true, "dataset path");
        RelativePath file = parse(filePath, false, "file path");
        return FileStat.of(volume.resolveExisting(dataset.resolve(file)));
    }

    private static RelativePath parse(String raw, boolean rootAllowed, String what) {
        try {
            return rootAllowed ? RelativePath.parseOrRoot(raw) : RelativePath.parse(raw);
        } catch (PathRejectedException e) {
            throw new InvalidWireMessageException(what + " rejected: " + e.getMessage());
        }
    }
}
