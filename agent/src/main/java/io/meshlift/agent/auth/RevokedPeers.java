package io.meshlift.agent.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.meshlift.agent.config.AgentConfig;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.AtomicFiles;

/**
 * The revoked agents, as the coordinator last pushed them. The peer server's and the peer clients' trust
 * managers read it on every handshake. Kept in {@code <state-dir>/revoked-agents} so a restarted agent
 * goes on refusing them before it reaches the coordinator again. The set only ever grows from the
 * coordinator's complete list; it is never cleared by an empty or failed update.
 */
@ApplicationScoped
public class RevokedPeers implements Supplier<Set<AgentId>> {

    private static final Logger LOG = Logger.getLogger(RevokedPeers.class);
    private static final String FILE = "revoked-agents";

    private final Path file;
    private volatile Set<AgentId> revoked;

    RevokedPeers(AgentConfig config) {
        this.file = config.stateDir().resolve(FILE);
        this.revoked = load(file);
    }

    @Override
    public Set<AgentId> get() {
        return revoked;
    }

    /** Replaces the set with the coordinator's complete list (keeping ids revoked before: revocation is permanent). */
    public synchronized void update(Set<AgentId> fromCoordinator) {
        Set<AgentId> merged = new java.util.HashSet<>(revoked);
        merged.addAll(fromCoordinator);
        if (merged.equals(revoked)) {
            return;
        }
        Set<AgentId> added = new TreeSet<>(java.util.Comparator.comparing(AgentId::value));
        added.addAll(merged);
        added.removeAll(revoked);
        revoked = Set.copyOf(merged);
        LOG.infof("the coordinator revoked %s; this agent refuses them as peers from now on", added);
        String text = merged.stream().map(AgentId::value).sorted().collect(Collectors.joining("\n", "", "\n"));
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static Set<AgentId> load(Path file) {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .map(AgentId::of)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the revoked agents in " + file, e);
        }
    }
}
