package io.meshlift.agent.coordinator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.meshlift.core.manifest.DatasetSurvey;
import io.meshlift.core.manifest.DatasetSurveyor;
import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.path.PathNotFoundException;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.path.UnknownVolumeException;
import io.meshlift.core.path.VolumeRoot;
import io.meshlift.core.path.Volumes;
import io.meshlift.proto.control.v1.SurveyRequest;
import io.meshlift.proto.control.v1.SurveyResult;

/**
 * Answers the coordinator's dry-run surveys: walks one dataset of this agent's volumes with the plan's
 * filters and counts what a manifest would list, reading no file content.
 *
 * <p>Only the coordinator asks (the request arrives on the authenticated control stream, never from a
 * peer), and the path is confined to its volume exactly as for a dataset served to peers: parsed as a
 * {@link RelativePath} and resolved by the volume without following symlinks. Walks run on their own
 * worker, never on the link thread, so heartbeats go on during a long walk; a few wait, more are refused.
 */
final class Surveys implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Surveys.class);
    private static final int MAX_PATTERNS = 1024;
    private static final int MAX_WAITING = 16;

    private final Volumes volumes;
    private final ThreadPoolExecutor walker;

    Surveys(Volumes volumes, ThreadFactory threads) {
        this.volumes = volumes;
        this.walker =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING), threads);
    }

    /** Walks in the background; {@code answer} gets the result (or the reason there is none) once. */
    void survey(SurveyRequest request, Consumer<SurveyResult> answer) {
        try {
            walker.execute(() -> answer.accept(run(request)));
        } catch (RejectedExecutionException e) {
            answer.accept(failed(
                    request, "agent busy: " + MAX_WAITING + " surveys already wait for a walk; ask again later"));
        }
    }

    /** The survey itself, on the calling thread. */
    SurveyResult run(SurveyRequest request) {
        long started = System.nanoTime();
        try {
            Path root = datasetRoot(request);
            DatasetSurvey counts = new DatasetSurveyor(filter(request)).survey(root);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.infof(
                    "surveyed %s:%s for the coordinator: %d files, %d bytes in %d ms",
                    request.getVolume(), request.getPath(), counts.files(), counts.bytes(), elapsed);
            return SurveyResult.newBuilder()
                    .setSurveyId(request.getSurveyId())
                    .setFiles(counts.files())
                    .setBytes(counts.bytes())
                    .setDirectories(counts.directories())
                    .setSymlinks(counts.symlinks())
                    .setSkipped(counts.skipped())
                    .setElapsedMs(elapsed)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(request, "the agent is shutting down");
        } catch (UnknownVolumeException | PathRejectedException | PathNotFoundException | IllegalArgumentException e) {
            return failed(request, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("survey of %s:%s failed: %s", request.getVolume(), request.getPath(), e.toString());
            return failed(request, "cannot walk " + where(request) + ": " + e.getMessage());
        }
    }

    private Path datasetRoot(SurveyRequest request) throws IOException {
        VolumeRoot volume = volumes.get(request.getVolume());
        RelativePath path = RelativePath.parseOrRoot(request.getPath());
        Path root = volume.resolveExisting(path);
        if (FileStat.of(root).type() != EntryType.DIRECTORY) {
            throw new IllegalArgumentException(where(request) + " is not a directory");
        }
        return root;
    }

    private static PathFilter filter(SurveyRequest request) {
        if (request.getIncludeCount() + request.getExcludeCount() > MAX_PATTERNS) {
            throw new IllegalArgumentException("at most " + MAX_PATTERNS + " include/exclude patterns");
        }
        return new PathFilter(List.copyOf(request.getIncludeList()), List.copyOf(request.getExcludeList()));
    }

    private static String where(SurveyRequest request) {
        return "dataset '" + request.getPath() + "' in volume '" + request.getVolume() + "'";
    }

    private static SurveyResult failed(SurveyRequest request, String reason) {
        return SurveyResult.newBuilder()
                .setSurveyId(request.getSurveyId())
                .setError(reason)
                .build();
    }

    @Override
    public void close() {
        walker.shutdownNow();
    }
}
