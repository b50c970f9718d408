package io.meshlift.coordinator.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.coordinator.config.ReplicaIdentity;
import io.meshlift.coordinator.grant.GrantService;
import io.meshlift.coordinator.report.ReportService;
import io.meshlift.coordinator.revocation.AgentRevoked;
import io.meshlift.coordinator.revocation.RevokedAgents;
import io.meshlift.coordinator.transfer.TransferEngine;
import io.meshlift.coordinator.transfer.TransferScheduler;
import io.meshlift.core.pki.AgentId;

/**
 * The agent control channel: grpc-java's Netty server on its own port with mutual TLS 1.3 (rather than
 * the Quarkus-managed gRPC server, so the coordinator owns the trust decisions, as the agent's peer server
 * does). Without {@code coordinator.tls.cert}, {@code .key} and {@code .ca} it does not start: the
 * coordinator then serves REST only, says so in a warning, and neither assigns transfers nor sweeps agents.
 */
@ApplicationScoped
public class ControlServer {

    private static final Logger LOG = Logger.getLogger(ControlServer.class);
    /** Control messages are small; a Register with many volumes is the largest. */
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final CoordinatorConfig config;
    private final AgentConnections connections;
    private final TransferScheduler scheduler;
    private final RevokedAgents revoked;
    private final AgentService agents;
    private final ReportService reports;
    private final TransferEngine engine;
    private final ReplicaIdentity replica;
    private final ObjectMapper json;
    private final GrantService grants;
    private ControlHandlers handlers;
    private Server server;

    ControlServer(
            CoordinatorConfig config,
            AgentConnections connections,
            AgentService agents,
            ReportService reports,
            TransferEngine engine,
            TransferScheduler scheduler,
            ReplicaIdentity replica,
            GrantService grants,
            RevokedAgents revoked,
            ObjectMapper json) {
        this.config = config;
        this.connections = connections;
        this.scheduler = scheduler;
        this.agents = agents;
        this.reports = reports;
        this.engine = engine;
        this.replica = replica;
        this.revoked = revoked;
        this.json = json;
        this.grants = grants;
    }

    void start(@Observes StartupEvent event) throws IOException {
        CoordinatorConfig.Tls tls = config.tls();
        Optional<Path> cert = tls.cert();
        Optional<Path> key = tls.key();
        Optional<Path> ca = tls.ca();
        if (cert.isEmpty() || key.isEmpty() || ca.isEmpty()) {
            LOG.warnf(
                    "agent control channel NOT started: set coordinator.tls.cert, coordinator.tls.key and"
                            + " coordinator.tls.ca (missing: %s). Agents cannot connect and no transfer will be"
                            + " assigned by this replica; the REST API works.",
                    missing(cert, key, ca));
            return;
        }
        ControlAuth auth = ControlAuth.from(config.control(), json);
        revoked.refresh();
        handlers = new ControlHandlers(
                agents,
                reports,
                engine,
                connections,
                grants,
                replica.id(),
                config.control().heartbeatInterval(),
                config.control().outboundQueue(),
                auth,
                revoked);
        // Fails start-up on an unusable key file rather than at the first assignment.
        String grantKeyId = grants.keyId();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(
                        config.control().host(), config.control().port()))
                .sslContext(ControlTls.serverContext(cert.get(), key.get(), ca.get(), revoked))
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .maxInboundMetadataSize(16 * 1024)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(ServerInterceptors.intercept(
                        new AgentControlGrpcService(handlers), new CallerIdentityInterceptor(auth, revoked)))
                .build()
                .start();
        scheduler.start(this::sweep);
        LOG.infof(
                "agent control channel on %s:%d (mTLS, TLS 1.3, %s), replica %s, grant key %s",
                config.control().host(),
                server.getPort(),
                auth.required() ? "access tokens required" : "NO access tokens",
                handlers.replicaId(),
                grantKeyId);
    }

    /** Whether the control channel serves. */
    public boolean isRunning() {
        return server != null && !server.isShutdown();
    }

    /**
     * The bound port (useful when configured as 0).
     *
     * @throws IllegalStateException if the channel did not start
     */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the agent control channel is not running");
        }
        return server.getPort();
    }

    /**
     * Closes the streams of agents revoked since the last run (on any replica) and of agents whose token
     * expired, then marks agents OFFLINE after the configured number of missed heartbeats and closes their
     * streams here.
     */
    void sweep() {
        RevokedAgents.Change change = revoked.refresh();
        if (!change.added().isEmpty()) {
            change.added().forEach(this::disconnectRevoked);
            connections.broadcast(ControlMapper.revoked(change.all()));
        }
        for (String agent : connections.closeExpired(Instant.now())) {
            LOG.infof("closed the control stream of agent %s: its access token expired", agent);
        }
        Duration interval = config.control().heartbeatInterval();
        Instant cutoff =
                Instant.now().minus(interval.multipliedBy(config.control().missedHeartbeats()));
        List<String> silent = handlers.agents().markOffline(cutoff);
        for (String agent : silent) {
            LOG.infof(
                    "agent %s missed %d heartbeats; marked OFFLINE",
                    agent, config.control().missedHeartbeats());
            connections.close(
                    agent,
                    Status.UNAVAILABLE.withDescription("no heartbeat for "
                            + config.control().missedHeartbeats() + " intervals of " + interval.toMillis() + " ms"));
        }
    }

    /** A revocation on this replica: act at once rather than at the next sweep. */
    void revoked(@Observes AgentRevoked event) {
        if (handlers == null) {
            return;
        }
        disconnectRevoked(event.agent());
        connections.broadcast(ControlMapper.revoked(revoked.get()));
    }

    private void disconnectRevoked(AgentId agent) {
        connections.close(agent.value(), Status.PERMISSION_DENIED.withDescription("agent " + agent + " is revoked"));
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (server != null) {
            connections.closeAll(Status.UNAVAILABLE.withDescription("coordinator shutting down"));
            server.shutdown();
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        }
    }

    private static String missing(Optional<Path> cert, Optional<Path> key, Optional<Path> ca) {
        StringBuilder names = new StringBuilder();
        if (cert.isEmpty()) {
            names.append("cert ");
        }
        if (key.isEmpty()) {
            names.append("key ");
        }
        if (ca.isEmpty()) {
            names.append("ca");
        }
        return names.toString().trim();
    }
}
