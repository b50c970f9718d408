package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;

import io.meshlift.agent.wire.InvalidWireMessageException;
import io.meshlift.agent.wire.ManifestWire;
import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.DatasetDigest;
import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.manifest.ManifestEntry;
import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.path.VolumeRoot;
import io.meshlift.proto.peer.v1.DatasetRef;
import io.meshlift.proto.peer.v1.ManifestPart;
import io.meshlift.proto.peer.v1.ManifestRequest;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

/**
 * Runs one pull: streams the source's manifest and, entry by entry, creates directories and symlinks
 * and hands files to {@link FileTransfer}s, at most {@code filesInFlight} at once. Results are
 * collected in manifest order, so the destination's dataset digest is computed exactly like the
 * source's, from what was verified here.
 */
final class PullJob {

    private final PullContext context;
    private final VolumeRoot volume;
    private final Channel channel;
    private final ExecutorService fileWorkers;
    private final int filesInFlight;
    private final ResultLog results;
    private final PullListener listener;
    private final Path workDir;

    private final ArrayDeque<Future<FileResult>> inOrder = new ArrayDeque<>();
    private final DatasetDigest destinationDigest = new DatasetDigest();
    volatile long filesListed;
    volatile long bytesListed;
    volatile boolean manifestComplete;
    volatile String sourceDatasetDigest;
    volatile String destinationDatasetDigest;
    volatile List<String> skipped = List.of();
    volatile long skippedCount;
    volatile long entriesDeleted;
    private ManifestPaths listedPaths;
    private static final int REPORTED_FAILURES = 3;

    private long failedFiles;
    private final List<String> firstFailures = new java.util.ArrayList<>();
    private RelativePath lastFile;
    private Integer rootMode;
    private Long rootMtimeNanos;

    PullJob(
            PullContext context,
            VolumeRoot volume,
            Channel channel,
            ExecutorService fileWorkers,
            int filesInFlight,
            ResultLog results,
            PullListener listener,
            Path workDir) {
        this.context = context;
        this.volume = volume;
        this.channel = channel;
        this.fileWorkers = fileWorkers;
        this.filesInFlight = filesInFlight;
        this.results = results;
        this.listener = listener;
        this.workDir = workDir;
    }

    /** @return null when every file verified, otherwise what went wrong */
    String run() throws IOException, InterruptedException {
        if (!context.request().deleteExtraneous()) {
            return copy();
        }
        try (ManifestPaths listed = ManifestPaths.create(workDir.resolve("manifest-paths.mv"))) {
            listedPaths = listed;
            String error = copy();
            return error != null ? error : deleteExtraneous(listed);
        } finally {
            listedPaths = null;
        }
    }

    /**
     * Runs only after every file verified and the dataset digests matched. A source that listed
     * nothing is refused: an unmounted or emptied source volume looks exactly like that, and would
     * otherwise empty the destination.
     */
    private String deleteExtraneous(ManifestPaths listed) throws IOException {
        PullRequest request = context.request();
        if (listed.count() == 0) {
            return "deleteExtraneous refused: the source listed no entries under " + request.sourceVolume() + ":"
                    + request.sourcePath() + " (is its volume mounted?); nothing was deleted";
        }
        Path root = volume.resolveExisting(request.path());
        PathFilter filter = new PathFilter(request.include(), request.exclude());
        entriesDeleted = new ExtraneousEntries(root, listed, filter, deleted -> {
                    results.deleted(deleted);
                    listener.entryDeleted(request.id(), deleted);
                })
                .delete();
        return null;
    }

    private String copy() throws IOException, InterruptedException {
        PullRequest request = context.request();
        Path root = volume.resolveForWrite(request.path());
        Files.createDirectories(root);
        ManifestRequest manifestRequest = ManifestRequest.newBuilder()
                .setDataset(DatasetRef.newBuilder()
                        .setVolume(request.sourceVolume())
                        .setPath(request.sourcePath().toString()))
                .setChunkSize(request.layout().chunkSize())
                .addAllInclude(request.include())
                .addAllExclude(request.exclude())
                .build();
        try (DirectoryLog directories = new DirectoryLog(workDir.resolve("directories.log"))) {
            Iterator<ManifestPart> parts;
            try {
                parts = PeerTransferGrpc.newBlockingStub(channel).getManifest(manifestRequest);
                while (parts.hasNext()) {
                    ManifestPart part = parts.next();
                    if (part.getChunkSize() != request.layout().chunkSize()) {
                        throw new InvalidWireMessageException(
                                "source sent a manifest cut in chunks of " + part.getChunkSize() + " bytes, asked for "
                                        + request.layout().chunkSize());
                    }
                    for (var wire : part.getEntriesList()) {
                        handle(ManifestWire.fromWire(wire, part.getChunkSize()), directories);
                    }
                    if (part.getLast()) {
                        sourceDatasetDigest = Sha256.hex(part.getDatasetDigest().toByteArray());
                        skipped = List.copyOf(part.getSkippedList().subList(0, Math.min(100, part.getSkippedCount())));
                        skippedCount = Math.max(part.getSkippedTotal(), part.getSkippedCount());
                        manifestComplete = true;
                        rootMode = part.hasRootMode() ? part.getRootMode() & 07777 : null;
                        rootMtimeNanos = part.hasRootMtimeNanos() ? part.getRootMtimeNanos() : null;
                    }
                }
            } catch (StatusRuntimeException e) {
                drainAll();
                return "manifest from " + request.source() + " failed: " + e.getStatus();
            }
            drainAll();
            directories.applyAll(this::applyDirectory);
            if (manifestComplete && failedFiles == 0) {
                if (rootMode != null) {
                    LocalFiles.setMode(root, rootMode);
                }
                if (rootMtimeNanos != null) {
                    LocalFiles.setMtime(root, rootMtimeNanos);
                }
            }
        }
        if (!manifestComplete) {
            return "manifest from " + request.source() + " ended without its final part";
        }
        if (skippedCount > 0) {
            return "the source skipped " + skippedCount + " entr" + (skippedCount == 1 ? "y" : "ies")
                    + " it could not list safely (see skipped); the copy is incomplete";
        }
        if (failedFiles > 0) {
            return failedFiles + " file(s) could not be copied and verified: " + String.join("; ", firstFailures)
                    + (failedFiles > firstFailures.size() ? "; ... (see the file results)" : "");
        }
        destinationDatasetDigest = Sha256.hex(destinationDigest.finish());
        if (!destinationDatasetDigest.equals(sourceDatasetDigest)) {
            return "destination dataset digest " + destinationDatasetDigest + " differs from the source's "
                    + sourceDatasetDigest;
        }
        return null;
    }

    private void handle(ManifestEntry entry, DirectoryLog directories) throws IOException, InterruptedException {
        if (listedPaths != null) {
            listedPaths.add(entry.path());
        }
        Path target = volume.resolveForWrite(context.request().path().resolve(entry.path()));
        switch (entry.type()) {
            case DIRECTORY -> {
                FileStat existing = LocalFiles.stat(target).orElse(null);
                if (existing != null && existing.type() != EntryType.DIRECTORY) {
                    throw new IOException("the destination has a " + existing.type()
                            + " where the source has a directory: " + target);
                }
                Files.createDirectories(target);
                directories.add(entry.path().toString(), entry.mode(), entry.mtimeNanos());
            }
            case SYMLINK -> symlink(entry, target);
            case FILE -> {
                if (lastFile != null && lastFile.compareTo(entry.path()) >= 0) {
                    throw new InvalidWireMessageException(
                            "source sent files out of order: '" + entry.path() + "' after '" + lastFile + "'");
                }
                lastFile = entry.path();
                filesListed++;
                bytesListed += entry.size();
                inOrder.add(fileWorkers.submit(() -> new FileTransfer(context, entry, target).run()));
                drainCompleted(filesInFlight);
            }
        }
    }

    /** Creates the link beside the target and renames it over, so the target is never missing. */
    private void symlink(ManifestEntry entry, Path target) throws IOException {
        FileStat existing = LocalFiles.stat(target).orElse(null);
        if (existing != null && existing.type() == EntryType.DIRECTORY) {
            throw new IOException("the destination has a directory where the source has a symlink: " + target);
        }
        if (existing != null
                && existing.type() == EntryType.SYMLINK
                && Files.readSymbolicLink(target).toString().equals(entry.symlinkTarget())) {
            LocalFiles.setMtime(target, entry.mtimeNanos());
            return;
        }
        Path temporary = target.resolveSibling(".meshlift-link-" + Long.toHexString(System.nanoTime())
                + io.meshlift.core.manifest.PartialFiles.PART_SUFFIX);
        Files.createSymbolicLink(temporary, Path.of(entry.symlinkTarget()));
        LocalFiles.setMtime(temporary, entry.mtimeNanos());
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void applyDirectory(String path, int mode, long mtimeNanos) throws IOException {
        Path directory = volume.resolveExisting(context.request().path().resolve(RelativePath.parse(path)));
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            LocalFiles.setMode(directory, mode);
            LocalFiles.setMtime(directory, mtimeNanos);
        }
    }

    /** Records finished files in manifest order; blocks while more than {@code limit} are open. */
    private void drainCompleted(int limit) throws InterruptedException, IOException {
        while (!inOrder.isEmpty() && (inOrder.size() > limit || inOrder.peek().isDone())) {
            FileResult result;
            try {
                result = inOrder.poll().get();
            } catch (ExecutionException e) {
                throw new IOException("file worker failed: " + e.getCause(), e.getCause());
            }
            results.append(result);
            listener.fileFinished(context.request().id(), result);
            if (result.outcome() == FileResult.Outcome.FAILED) {
                failedFiles++;
                if (firstFailures.size() < REPORTED_FAILURES) {
                    firstFailures.add("'" + result.path() + "': " + result.error());
                }
            } else {
                destinationDigest.add(RelativePath.parse(result.path()), Sha256.fromHex(result.destinationDigest()));
            }
        }
    }

    private void drainAll() throws InterruptedException, IOException {
        drainCompleted(0);
    }
}
