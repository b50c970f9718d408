package io.meshlift.agent;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.meshlift.agent.auth.RevokedPeers;
import io.meshlift.agent.config.AgentConfig;
import io.meshlift.agent.tls.PeerTls;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.manifest.MvStoreHashCache;
import io.meshlift.core.path.VolumeRoot;
import io.meshlift.core.path.Volumes;
import io.meshlift.core.pki.AgentId;

/**
 * The agent's long-lived resources, checked once at start-up: volumes, hash cache, TLS material. The
 * agent refuses to start on a configuration that could copy the wrong data or talk to the wrong peer.
 */
@ApplicationScoped
public class AgentRuntime {

    private final AgentConfig config;
    private final AgentId id;
    private final Volumes volumes;
    private final HashCache hashCache;
    private final PeerTls tls;

    AgentRuntime(AgentConfig config, RevokedPeers revoked) {
        this.config = config;
        requireUtf8FileNames();
        this.id = AgentId.of(config.id());
        this.volumes = Volumes.of(config.volumes());
        requireStateDirOutsideVolumes(config.stateDir(), volumes);
        // The coordinator pushes revocations; every peer handshake consults the latest set.
        this.tls = new PeerTls(config.tls(), revoked);
        if (!tls.ownIdentity().equals(id)) {
            throw new IllegalStateException("agent.id is '" + id + "' but the certificate "
                    + config.tls().cert() + " is issued to '" + tls.ownIdentity() + "'");
        }
        this.hashCache = MvStoreHashCache.open(config.stateDir().resolve("hash-cache.mv"));
    }

    private static void requireUtf8FileNames() {
        String encoding =
                System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
        if (!Charset.forName(encoding).equals(java.nio.charset.StandardCharsets.UTF_8)) {
            throw new IllegalStateException("file names would be decoded as " + encoding
                    + ", which garbles non-ASCII names; start the agent with LANG=C.UTF-8 (or another UTF-8 locale)");
        }
    }

    private static void requireStateDirOutsideVolumes(Path stateDir, Volumes volumes) {
        Path state = stateDir.toAbsolutePath().normalize();
        for (String name : volumes.names()) {
            VolumeRoot volume = volumes.get(name);
            if (state.startsWith(volume.root()) || volume.root().startsWith(state)) {
                throw new IllegalStateException(
                        "agent.state-dir " + state + " must not overlap volume '" + name + "' at " + volume.root());
            }
        }
        try {
            Files.createDirectories(state);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create agent.state-dir " + state + ": " + e.getMessage(), e);
        }
    }

    public AgentId id() {
        return id;
    }

    public Volumes volumes() {
        return volumes;
    }

    public HashCache hashCache() {
        return hashCache;
    }

    public PeerTls tls() {
        return tls;
    }

    public Path stateDir() {
        return config.stateDir();
    }

    /** Daemon threads named for what they do, so thread dumps explain themselves. */
    public ThreadFactory threads(String role) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "meshlift-" + role + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void close() {
        hashCache.close();
    }
}
