package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import io.meshlift.agent.AgentRuntime;
import io.meshlift.agent.config.AgentConfig;
import io.meshlift.core.units.ByteSize;

/**
 * Runs pulls and keeps them durable: a pull's spec is written to the state directory before it
 * starts, and a pull without a terminal status is resumed when the agent starts again.
 */
@ApplicationScoped
public class PullService {

    private static final Logger LOG = Logger.getLogger(PullService.class);

    private final AgentConfig config;
    private final AgentRuntime runtime;
    private final ObjectMapper json;
    private final Map<String, Pull> pulls = new ConcurrentHashMap<>();
    private final Map<String, PullProgress> finished = new ConcurrentHashMap<>();
    private final BandwidthLimiter agentLimiter;
    private final DirectorySyncs directorySyncs = new DirectorySyncs();
    private final PullListener listeners;
    private final TransferMetrics metrics;
    private ExecutorService pullRunner;
    private ScheduledExecutorService scheduler;
    private PeerChannels channels;

    PullService(
            AgentConfig config,
            AgentRuntime runtime,
            ObjectMapper json,
            Instance<PullListener> listeners,
            TransferMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.listeners = new SafeListeners(listeners);
        this.runtime = runtime;
        this.json = json;
        this.agentLimiter =
                new BandwidthLimiter(ByteSize.parse(config.transfer().bandwidthLimit()));
    }

    void start(@Observes StartupEvent event) throws IOException {
        pullRunner = Executors.newCachedThreadPool(runtime.threads("pull"));
        scheduler = Executors.newScheduledThreadPool(1, runtime.threads("pull-timer"));
        channels = new PeerChannels(runtime.tls());
        Files.createDirectories(pullsDir());
        resumeInterruptedPulls();
    }

    void stop(@Observes ShutdownEvent event) {
        pulls.values().forEach(pull -> pull.cancel(false));
        if (pullRunner != null) {
            pullRunner.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    public PullProgress start(PullSpec spec) throws IOException {
        PullRequest request = spec.toRequest();
        runtime.volumes().get(request.volume());
        Path dir = pullsDir().resolve(request.id());
        Files.createDirectories(dir);
        Pull pull = new Pull(request, dir, newContextFactory(), limits(), listeners, spec.grantBytes(), metrics);
        if (pulls.putIfAbsent(request.id(), pull) != null) {
            throw new PullConflictException(request.id());
        }
        finished.remove(request.id());
        writeAtomically(dir.resolve("spec.json"), json.writeValueAsBytes(spec));
        Files.deleteIfExists(dir.resolve("status.json"));
        pullRunner.execute(() -> run(pull));
        return pull.progress();
    }

    /**
     * Gives a running pull the fresh grant the coordinator re-sent with its assignment, for its next peer
     * calls, and stores it with the pull's spec so a restart resumes with it.
     *
     * @return false when no pull {@code id} is running
     */
    public boolean renewGrant(String id, byte[] grant) throws IOException {
        Pull pull = pulls.get(id);
        if (pull == null) {
            return false;
        }
        pull.grant(grant);
        Path specFile = pull.dir().resolve("spec.json");
        PullSpec spec = json.readValue(specFile.toFile(), PullSpec.class);
        writeAtomically(
                specFile,
                json.writeValueAsBytes(spec.withGrant(Base64.getEncoder().encodeToString(grant))));
        return true;
    }

    public PullProgress get(String id) {
        Pull pull = pulls.get(id);
        if (pull != null) {
            return pull.progress();
        }
        PullProgress done = finished.get(id);
        if (done != null) {
            return done;
        }
        throw new PullNotFoundException(id);
    }

    public List<PullProgress> list() {
        List<PullProgress> all = new ArrayList<>(finished.values());
        pulls.values().forEach(pull -> all.add(pull.progress()));
        return all;
    }

    public PullProgress cancel(String id) {
        Pull pull = pulls.get(id);
        if (pull == null) {
            return get(id);
        }
        pull.cancel(true);
        return pull.progress();
    }

    private void run(Pull pull) {
        try (PullLogContext.Scope ignored = pull.logContext().apply()) {
            runInContext(pull);
        }
    }

    private void runInContext(Pull pull) {
        metrics.pullStarted();
        try {
            pull.run(channels, runtime.volumes().get(pull.request().volume()), json);
        } finally {
            metrics.pullEnded();
            PullProgress last = pull.progress();
            finished.put(last.id(), last);
            pulls.remove(last.id());
            if (last.state() != PullState.CANCELLED || pull.cancelledByOperator()) {
                try {
                    writeAtomically(pull.dir().resolve("status.json"), json.writeValueAsBytes(last));
                } catch (IOException e) {
                    LOG.errorf("pull %s: cannot record its final status: %s", last.id(), e.getMessage());
                }
                listeners.pullFinished(last);
            }
            LOG.infof(
                    "pull %s %s: %d files (%d unchanged, %d failed), %d chunks fetched, %d reused, %d resumed, %d rejected%s",
                    last.id(),
                    last.state(),
                    last.filesDone(),
                    last.filesUnchanged(),
                    last.filesFailed(),
                    last.chunksFetched(),
                    last.chunksReused(),
                    last.chunksResumed(),
                    last.chunksRejected(),
                    last.error() == null ? "" : "; " + last.error());
        }
    }

    private Pull.ContextFactory newContextFactory() {
        return (request, client, counters, incidents) -> new PullContext(
                request,
                runtime.id().toString(),
                client,
                request.bandwidthLimit() > 0
                        ? List.of(agentLimiter, new BandwidthLimiter(request.bandwidthLimit()))
                        : List.of(agentLimiter),
                scheduler,
                new LocalFiles(runtime.hashCache()),
                directorySyncs,
                counters,
                incidents,
                limits().chunks(request.concurrency()).total(),
                config.transfer().chunkAttempts());
    }

    Pull.Limits limits() {
        return new Pull.Limits(
                config.transfer().streamsPerPeer(),
                config.transfer().requestsPerStream(),
                config.transfer().filesInFlight(),
                config.transfer().stallTimeoutSeconds());
    }

    private void resumeInterruptedPulls() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(pullsDir())) {
            for (Path dir : dirs) {
                Path spec = dir.resolve("spec.json");
                Path status = dir.resolve("status.json");
                if (!Files.isRegularFile(spec)) {
                    continue;
                }
                if (Files.isRegularFile(status)) {
                    PullProgress done = json.readValue(status.toFile(), PullProgress.class);
                    finished.put(done.id(), done);
                    continue;
                }
                PullSpec interrupted = json.readValue(spec.toFile(), PullSpec.class);
                LOG.infof("resuming pull %s interrupted by a restart", interrupted.id());
                try {
                    start(interrupted);
                } catch (RuntimeException e) {
                    LOG.errorf("pull %s cannot be resumed: %s", interrupted.id(), e.getMessage());
                }
            }
        }
    }

    private Path pullsDir() {
        return config.transfer().workDir().orElse(runtime.stateDir().resolve("pulls"));
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, content);
        try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every {@link PullListener} bean; one that throws is logged and does not disturb the pull. */
    private static final class SafeListeners implements PullListener {

        private final Instance<PullListener> all;

        SafeListeners(Instance<PullListener> all) {
            this.all = all;
        }

        @Override
        public void fileFinished(String pullId, FileResult result) {
            for (PullListener listener : all) {
                try {
                    listener.fileFinished(pullId, result);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "pull %s: listener %s failed on file '%s'", pullId, listener, result.path());
                }
            }
        }

        @Override
        public void pullFinished(PullProgress last) {
            for (PullListener listener : all) {
                try {
                    listener.pullFinished(last);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "pull %s: listener %s failed on its end", last.id(), listener);
                }
            }
        }
    }
}
