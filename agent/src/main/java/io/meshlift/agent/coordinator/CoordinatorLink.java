package io.meshlift.agent.coordinator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.meshlift.agent.AgentRuntime;
import io.meshlift.agent.auth.AccessToken;
import io.meshlift.agent.auth.ClientCredentialsTokens;
import io.meshlift.agent.auth.RevokedPeers;
import io.meshlift.agent.auth.TokenUnavailableException;
import io.meshlift.agent.config.AgentConfig;
import io.meshlift.agent.grant.GrantTrust;
import io.meshlift.agent.peer.PeerServer;
import io.meshlift.agent.transfer.PullProgress;
import io.meshlift.agent.transfer.PullService;
import io.meshlift.core.pki.AgentId;
import io.meshlift.proto.control.v1.AgentControlGrpc;
import io.meshlift.proto.control.v1.Heartbeat;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Welcome;

/**
 * The agent's side of the control channel: dials the coordinator over mTLS (TLS 1.3, the server
 * must prove the configured coordinator identity), keeps one {@code Connect} stream, and after any
 * failure reconnects with exponential backoff and jitter, for as long as the agent runs, to the next
 * replica when several are listed ({@link CoordinatorAddresses}). Pulls
 * never depend on the link: they go on while it is down, and their reports wait in the {@link
 * ReportOutbox}. Off unless {@code agent.coordinator.address} is set.
 *
 * <p>One thread ("meshlift-coordinator-link") does all the link's work, so its state needs no locks.
 */
@ApplicationScoped
public class CoordinatorLink {

    private static final Logger LOG = Logger.getLogger(CoordinatorLink.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** Link status, for tests and diagnostics. */
    public record LinkStatus(boolean connected, String coordinatorId, String lastError, long pendingReports) {}

    private final AgentConfig config;
    private final AgentRuntime runtime;
    private final PullService pulls;
    private final PeerServer peerServer;
    private final ReportRecorder recorder;
    private final GrantTrust grants;
    private final RevokedPeers revokedPeers;
    private ClientCredentialsTokens tokens;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private ScheduledExecutorService link;
    private ReportOutbox outbox;
    private Assignments assignments;
    private CoordinatorAddresses addresses;
    private Surveys surveys;
    private AgentId coordinatorIdentity;
    private Backoff backoff;
    private ManagedChannel channel;
    private ControlSession session;
    private volatile boolean stopped;
    private volatile boolean connected;
    private volatile String coordinatorId = "";
    private volatile String lastError = "";

    CoordinatorLink(
            AgentConfig config,
            AgentRuntime runtime,
            PullService pulls,
            PeerServer peerServer,
            ReportRecorder recorder,
            GrantTrust grants,
            RevokedPeers revokedPeers) {
        this.revokedPeers = revokedPeers;
        this.config = config;
        this.runtime = runtime;
        this.pulls = pulls;
        this.peerServer = peerServer;
        this.recorder = recorder;
        this.grants = grants;
    }

    /** After the peer server and the pull service (default observer priority 2500) are up. */
    void start(@Observes @Priority(3000) StartupEvent event) {
        AgentConfig.Coordinator settings = config.coordinator();
        if (settings.address().isEmpty()) {
            LOG.info("no agent.coordinator.address: no coordinator link; pulls start through the admin API only");
            return;
        }
        addresses = CoordinatorAddresses.parse(settings.address().get());
        coordinatorIdentity = AgentId.of(settings.identity());
        backoff = new Backoff(
                settings.reconnectInitialBackoff(),
                settings.reconnectMaxBackoff(),
                bound -> ThreadLocalRandom.current().nextLong(bound));
        outbox = recorder.outbox().orElseThrow();
        assignments = new Assignments(pulls, outbox, settings.maxConcurrentPulls());
        surveys = new Surveys(runtime.volumes(), runtime.threads("survey"));
        tokens = tokenSource(settings.oidc());
        link = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runtime.threads("coordinator-link"));
        outbox.onAppend(this::wakeSender);
        LOG.infof(
                "coordinator link to %s (identity %s); %d report(s) wait from before, last report id %d",
                addresses, coordinatorIdentity, outbox.pending(), outbox.lastId());
        link.execute(this::connect);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopped = true;
        if (link == null) {
            return;
        }
        link.execute(() -> {
            if (session != null) {
                session.close();
                session = null;
            }
            closeChannel();
        });
        surveys.close();
        link.shutdown();
        link.awaitTermination(5, TimeUnit.SECONDS);
        link.shutdownNow();
    }

    public LinkStatus status() {
        return new LinkStatus(connected, coordinatorId, lastError, outbox == null ? 0 : outbox.pending());
    }

    private void connect() {
        if (stopped) {
            return;
        }
        closeChannel();
        AccessToken token = null;
        if (tokens != null) {
            try {
                token = tokens.current();
            } catch (TokenUnavailableException e) {
                retryLater("no access token for the coordinator: " + e.getMessage());
                return;
            }
        }
        try {
            CoordinatorAddress address = addresses.current();
            channel = NettyChannelBuilder.forAddress(address.host(), address.port())
                    .sslContext(runtime.tls().clientContext(coordinatorIdentity))
                    .build();
        } catch (SSLException | RuntimeException e) {
            retryLater("cannot set up TLS to the coordinator: " + e.getMessage());
            return;
        }
        ControlSession next = new ControlSession(
                link,
                outbox,
                assignments,
                surveys,
                new SessionAgent(),
                config.coordinator().heartbeatInterval(),
                config.coordinator().progressInterval(),
                token);
        session = next;
        AgentControlGrpc.AgentControlStub stub = AgentControlGrpc.newStub(channel);
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + token.value());
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        stub.connect(next);
        next.register();
        // Three heartbeats' worth: long enough for a busy coordinator, short enough to move on.
        link.schedule(
                next::expireUnlessWelcomed,
                3 * config.coordinator().heartbeatInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private final class SessionAgent implements ControlSession.Agent {

        @Override
        public Register register() {
            return Register.newBuilder()
                    .setAgentId(runtime.id().toString())
                    .setVersion(ConfigProvider.getConfig()
                            .getOptionalValue("quarkus.application.version", String.class)
                            .orElse("unknown"))
                    .addAllVolumes(volumes())
                    .setPeerHost(advertisedHost())
                    .setPeerPort(peerServer.port())
                    .setMaxConcurrentPulls(config.coordinator().maxConcurrentPulls())
                    .setLastReportId(outbox.lastId())
                    .build();
        }

        @Override
        public Heartbeat heartbeat() {
            return Heartbeat.newBuilder()
                    .addAllRunningAssignmentIds(runningAssignments().stream()
                            .map(this::assignmentOf)
                            .toList())
                    .addAllVolumes(volumes())
                    .build();
        }

        @Override
        public List<PullProgress> runningAssignments() {
            return pulls.list().stream()
                    .filter(pull -> !pull.state().terminal() && outbox.assignmentOf(pull.id()) != null)
                    .toList();
        }

        @Override
        public String assignmentOf(PullProgress pull) {
            String assignment = outbox.assignmentOf(pull.id());
            return assignment == null ? pull.id() : assignment;
        }

        @Override
        public void welcomed(ControlSession welcomed, Welcome welcome) {
            backoff.reset();
            connected = true;
            lastError = "";
            coordinatorId = welcome.getCoordinatorId();
            grants.trust(welcome.getGrantPublicKey().toByteArray(), welcome.getGrantKeyId());
            LOG.infof(
                    "connected to coordinator %s at %s; it has reports up to %d, %d wait to be sent",
                    welcome.getCoordinatorId(),
                    addresses.current(),
                    welcome.getAcknowledgedReportId(),
                    outbox.pending());
        }

        @Override
        public void revoked(List<String> agentIds) {
            revokedPeers.update(agentIds.stream().map(AgentId::of).collect(Collectors.toSet()));
        }

        @Override
        public AccessToken accessToken() {
            return tokens == null ? null : tokens.current();
        }

        @Override
        public void ended(ControlSession ended, Throwable error) {
            if (ended != session) {
                return;
            }
            session = null;
            connected = false;
            retryLater(error == null ? "the coordinator closed the stream" : describe(error));
        }
    }

    /** Null (and a warning) when no Keycloak client is configured: the coordinator then refuses the link unless it runs without tokens. */
    private static ClientCredentialsTokens tokenSource(AgentConfig.Oidc oidc) {
        if (oidc.tokenUrl().isEmpty()
                || oidc.clientId().isEmpty()
                || oidc.clientSecretFile().isEmpty()) {
            LOG.warn("agent.coordinator.oidc.token-url, client-id and client-secret-file are not all set: the"
                    + " control channel carries no access token, which a coordinator requiring tokens refuses");
            return null;
        }
        return new ClientCredentialsTokens(
                java.net.URI.create(oidc.tokenUrl().get()),
                oidc.clientId().get(),
                oidc.clientSecretFile().get(),
                java.net.http.HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(10))
                        .build(),
                new ObjectMapper(),
                java.time.Clock.systemUTC());
    }

    private void retryLater(String why) {
        lastError = why;
        if (stopped) {
            return;
        }
        CoordinatorAddress failed = addresses.current();
        // Another replica may be up while this one is not: the next attempt dials it.
        CoordinatorAddress next = addresses.failover();
        long wait = backoff.nextMillis();
        LOG.warnf(
                "coordinator link to %s down: %s; next attempt to %s in %d ms (pulls go on)", failed, why, next, wait);
        link.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }

    /** Runs the session's sender once for any number of appends made meanwhile. */
    private void wakeSender() {
        if (drainQueued.compareAndSet(false, true) && !stopped) {
            try {
                link.execute(() -> {
                    drainQueued.set(false);
                    if (session != null) {
                        session.drain();
                    }
                });
            } catch (RejectedExecutionException e) {
                // Shutting down: the report is on disk and goes out after the next start.
            }
        }
    }

    private List<io.meshlift.proto.control.v1.Volume> volumes() {
        var volumes = runtime.volumes();
        return volumes.names().stream()
                .map(name -> ControlMapper.volume(volumes.get(name)))
                .toList();
    }

    private String advertisedHost() {
        return config.coordinator().advertisedHost().orElseGet(() -> {
            String host = config.peer().host();
            if (!host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
                return host;
            }
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                return host;
            }
        });
    }

    private static String describe(Throwable error) {
        Status status = Status.fromThrowable(error);
        StringBuilder text = new StringBuilder(status.getCode().toString());
        if (status.getDescription() != null) {
            text.append(" (").append(status.getDescription()).append(')');
        }
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                text.append("; ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private void closeChannel() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
    }
}
