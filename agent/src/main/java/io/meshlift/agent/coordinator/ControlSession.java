package io.meshlift.agent.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.jboss.logging.Logger;

import io.meshlift.agent.auth.AccessToken;
import io.meshlift.agent.transfer.PullProgress;
import io.meshlift.proto.control.v1.AgentMessage;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.Heartbeat;
import io.meshlift.proto.control.v1.Progress;
import io.meshlift.proto.control.v1.Reauthenticate;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.SurveyResult;
import io.meshlift.proto.control.v1.Welcome;

/**
 * One {@code Connect} stream. Sends Register first; after the Welcome, sends heartbeats and the
 * outbox's reports from just after the coordinator's acknowledged id, in order and only while
 * gRPC flow control says the stream is ready. Every callback is moved onto the link thread, which
 * owns all of this object's state.
 */
final class ControlSession implements ClientResponseObserver<AgentMessage, CoordinatorMessage> {

    private static final Logger LOG = Logger.getLogger(ControlSession.class);
    private static final int PAGE = 64;
    private static final Duration REAUTH_RETRY = Duration.ofSeconds(5);

    /** What the session needs from the agent. */
    interface Agent {
        Register register();

        Heartbeat heartbeat();

        /** Running pulls that are coordinator assignments. */
        List<PullProgress> runningAssignments();

        /** The assignment id of a pull listed by {@link #runningAssignments()}. */
        String assignmentOf(PullProgress pull);

        void welcomed(ControlSession session, Welcome welcome);

        void ended(ControlSession session, Throwable error);

        /** The coordinator's complete list of revoked agents. */
        void revoked(List<String> agentIds);

        /** A token to send in a Reauthenticate (renewed when due); null when the agent sends no tokens. */
        AccessToken accessToken();
    }

    private final ScheduledExecutorService link;
    private final ReportOutbox outbox;
    private final Assignments assignments;
    private final Surveys surveys;
    private final Agent agent;
    private final Duration fallbackHeartbeat;
    private final Duration progressInterval;
    private final Map<String, Progress> lastProgress = new HashMap<>();
    private ClientCallStreamObserver<AgentMessage> requests;
    private boolean welcomed;
    private boolean closed;
    private long sentUpTo;
    private ScheduledFuture<?> heartbeats;
    private ScheduledFuture<?> progress;
    private ScheduledFuture<?> reauthentication;
    /** The token the Connect call carried; null without tokens. */
    private final AccessToken connectToken;

    ControlSession(
            ScheduledExecutorService link,
            ReportOutbox outbox,
            Assignments assignments,
            Surveys surveys,
            Agent agent,
            Duration fallbackHeartbeat,
            Duration progressInterval,
            AccessToken connectToken) {
        this.connectToken = connectToken;
        this.link = link;
        this.outbox = outbox;
        this.assignments = assignments;
        this.surveys = surveys;
        this.agent = agent;
        this.fallbackHeartbeat = fallbackHeartbeat;
        this.progressInterval = progressInterval;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
        this.requests = requestStream;
        requestStream.setOnReadyHandler(() -> link.execute(this::drain));
    }

    /** Called on the link thread right after the call started. */
    void register() {
        requests.onNext(AgentMessage.newBuilder().setRegister(agent.register()).build());
    }

    @Override
    public void onNext(CoordinatorMessage message) {
        link.execute(() -> handle(message));
    }

    @Override
    public void onError(Throwable error) {
        link.execute(() -> end(error));
    }

    @Override
    public void onCompleted() {
        link.execute(() -> end(null));
    }

    private void handle(CoordinatorMessage message) {
        if (closed) {
            return;
        }
        switch (message.getBodyCase()) {
            case WELCOME -> welcome(message.getWelcome());
            case ASSIGN -> assignments.assign(message.getAssign());
            case COMMAND -> assignments.command(message.getCommand());
            case REPORT_ACK -> outbox.acknowledge(message.getReportAck().getUpToReportId());
            case REVOKED_AGENTS -> agent.revoked(message.getRevokedAgents().getAgentIdsList());
            case SURVEY -> surveys.survey(message.getSurvey(), result -> link.execute(() -> answer(result)));
            default ->
                LOG.warnf("coordinator sent a message this agent does not know (%s); ignored", message.getBodyCase());
        }
    }

    private void welcome(Welcome welcome) {
        if (welcomed) {
            LOG.warn("coordinator sent a second Welcome; ignored");
            return;
        }
        welcomed = true;
        long acknowledged = welcome.getAcknowledgedReportId();
        outbox.advanceTo(acknowledged);
        outbox.acknowledge(acknowledged);
        sentUpTo = acknowledged;
        Duration interval = welcome.getHeartbeatIntervalMs() > 0
                ? Duration.ofMillis(welcome.getHeartbeatIntervalMs())
                : fallbackHeartbeat;
        heartbeats = link.scheduleAtFixedRate(
                guarded("heartbeat", this::heartbeat), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        progress = link.scheduleAtFixedRate(
                guarded("progress report", this::reportProgress),
                0,
                progressInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        agent.welcomed(this, welcome);
        scheduleReauthentication(connectToken);
        drain();
    }

    /**
     * Sends a fresh token before the stream's current one expires: at its renewal time (70% of its
     * lifetime), then again for each new token. A failure to get one is retried every few seconds; if the
     * token expires meanwhile the coordinator closes the stream and the link reconnects.
     */
    private void scheduleReauthentication(AccessToken token) {
        if (token == null || closed) {
            return;
        }
        long delay =
                Math.max(0, Duration.between(Instant.now(), token.refreshAt()).toMillis());
        reauthentication = link.schedule(this::reauthenticate, delay, TimeUnit.MILLISECONDS);
    }

    private void reauthenticate() {
        if (closed) {
            return;
        }
        AccessToken token;
        try {
            token = agent.accessToken();
        } catch (RuntimeException e) {
            LOG.warnf("cannot renew the coordinator access token: %s; retrying", e.getMessage());
            reauthentication = link.schedule(this::reauthenticate, REAUTH_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        requests.onNext(AgentMessage.newBuilder()
                .setReauthenticate(Reauthenticate.newBuilder().setAccessToken(token.value()))
                .build());
        LOG.debugf("sent a fresh access token to the coordinator, valid until %s", token.expiresAt());
        scheduleReauthentication(token);
    }

    /** A periodic task that throws is cancelled silently; log instead and keep the period. */
    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "coordinator link: %s failed", what);
            }
        };
    }

    private void heartbeat() {
        if (!closed) {
            requests.onNext(
                    AgentMessage.newBuilder().setHeartbeat(agent.heartbeat()).build());
        }
    }

    /**
     * Appends a Progress report for each running assignment that moved since the last one. Only
     * while connected: progress is a snapshot, and a stale one is worth nothing after a reconnect.
     */
    private void reportProgress() {
        if (closed) {
            return;
        }
        for (PullProgress pull : agent.runningAssignments()) {
            var now = ControlMapper.progress(pull);
            if (!now.equals(lastProgress.put(pull.id(), now))) {
                outbox.append(Report.newBuilder()
                        .setAssignmentId(agent.assignmentOf(pull))
                        .setProgress(now));
            }
        }
    }

    /**
     * Sends a survey's answer on this stream if it is still open. An answer is not a report: if the stream
     * dropped meanwhile, the coordinator has given up on it and a new stream would not be asked.
     */
    private void answer(SurveyResult result) {
        if (closed || !welcomed) {
            LOG.debugf("survey %s finished after its control stream closed; answer dropped", result.getSurveyId());
            return;
        }
        requests.onNext(AgentMessage.newBuilder().setSurveyResult(result).build());
    }

    /** Sends waiting reports in id order while the stream accepts more. */
    void drain() {
        while (welcomed && !closed && requests.isReady()) {
            List<Report> page = outbox.after(sentUpTo, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (Report report : page) {
                if (!requests.isReady()) {
                    return;
                }
                requests.onNext(AgentMessage.newBuilder().setReport(report).build());
                sentUpTo = report.getReportId();
            }
        }
    }

    /** Gives up on a coordinator that accepted the stream but never sent its Welcome. */
    void expireUnlessWelcomed() {
        if (!welcomed && !closed) {
            requests.cancel("the coordinator sent no Welcome in time", null);
        }
    }

    /** Ends the stream from this side (agent shutdown). */
    void close() {
        if (!closed) {
            stopTimers();
            closed = true;
            requests.onCompleted();
        }
    }

    private void end(Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        stopTimers();
        agent.ended(this, error);
    }

    private void stopTimers() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        if (progress != null) {
            progress.cancel(false);
        }
        if (reauthentication != null) {
            reauthentication.cancel(false);
        }
    }
}
