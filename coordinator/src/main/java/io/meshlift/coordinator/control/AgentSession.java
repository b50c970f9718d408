package io.meshlift.coordinator.control;

import java.time.Instant;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.transfer.AgentLink;
import io.meshlift.core.pki.AgentId;
import io.meshlift.proto.control.v1.AgentMessage;
import io.meshlift.proto.control.v1.Heartbeat;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Report;

/**
 * The receiving half of one agent's control stream. gRPC delivers its messages one at a time, so a
 * session needs no locking of its own; the database work runs on gRPC's executor and backs the stream
 * up (flow control) rather than buffering without bound.
 */
final class AgentSession implements StreamObserver<AgentMessage> {

    private static final Logger LOG = Logger.getLogger(AgentSession.class);

    private final AgentConnection connection;
    private final ControlHandlers handlers;
    private boolean registered;

    AgentSession(AgentConnection connection, ControlHandlers handlers) {
        this.connection = connection;
        this.handlers = handlers;
    }

    @Override
    public void onNext(AgentMessage message) {
        if (connection.isClosed()) {
            return;
        }
        try {
            if (!registered) {
                if (message.getBodyCase() != AgentMessage.BodyCase.REGISTER) {
                    end(Status.FAILED_PRECONDITION.withDescription(
                            "the first message on the control stream must be a Register, got "
                                    + message.getBodyCase()));
                    return;
                }
                register(message.getRegister());
                return;
            }
            switch (message.getBodyCase()) {
                case HEARTBEAT -> heartbeat(message.getHeartbeat());
                case REPORT -> report(message.getReport());
                case REAUTHENTICATE ->
                    reauthenticate(message.getReauthenticate().getAccessToken());
                case SURVEY_RESULT ->
                    handlers.connections()
                            .surveyAnswered(connection.agentId(), ControlMapper.fromWire(message.getSurveyResult()));
                case REGISTER ->
                    end(Status.FAILED_PRECONDITION.withDescription(
                            "agent " + connection.agentId() + " sent a second Register on one stream"));
                case BODY_NOT_SET -> LOG.debugf("agent %s sent an empty message", connection.agentId());
            }
        } catch (RuntimeException e) {
            Status status = ControlStatus.of(e);
            LOG.warnf(e, "control stream of agent %s failed: %s", connection.agentId(), status);
            end(status);
        }
    }

    private void register(Register register) {
        String certified = connection.agentId();
        if (!register.getAgentId().equals(certified)) {
            end(Status.PERMISSION_DENIED.withDescription("agent certificate identity is '" + certified
                    + "' but the Register says '" + register.getAgentId() + "'"));
            return;
        }
        long acknowledged = handlers.agents().register(ControlMapper.fromWire(certified, register));
        registered = true;
        handlers.connections().add(connection);
        connection.send(ControlMapper.welcome(
                handlers.replicaId(),
                handlers.heartbeatInterval().toMillis(),
                acknowledged,
                handlers.grants().publicKey(),
                handlers.grants().keyId()));
        // Every agent learns the revoked set at once, so its peer server refuses revoked agents from now on.
        connection.send(ControlMapper.revoked(handlers.revoked().get()));
        LOG.infof(
                "agent %s registered (version %s, peer %s:%d, %d volume(s), reports applied up to %d)",
                certified,
                register.getVersion(),
                register.getPeerHost(),
                register.getPeerPort(),
                register.getVolumesCount(),
                acknowledged);
    }

    /** A fresh token extends the stream; a refused one ends it (ControlStatus maps the refusal). */
    private void reauthenticate(String token) {
        Instant expiry = handlers.auth().reauthenticate(token, AgentId.of(connection.agentId()));
        connection.tokenExpiry(expiry);
        LOG.debugf("agent %s reauthenticated; its token is valid until %s", connection.agentId(), expiry);
    }

    private void heartbeat(Heartbeat heartbeat) {
        handlers.agents().heartbeat(connection.agentId(), ControlMapper.volumes(heartbeat.getVolumesList()));
        if (heartbeat.getRunningAssignmentIdsCount() > 0) {
            for (AgentLink.Instruction instruction :
                    handlers.engine().reconcile(connection.agentId(), heartbeat.getRunningAssignmentIdsList())) {
                connection.send(ControlMapper.toWire(instruction.command(), instruction.assignmentId()));
            }
        }
    }

    private void report(Report report) {
        long acknowledged = handlers.reports().apply(connection.agentId(), ControlMapper.fromWire(report));
        connection.send(ControlMapper.ack(acknowledged));
    }

    private void end(Status status) {
        handlers.connections().remove(connection);
        connection.close(status);
    }

    @Override
    public void onError(Throwable error) {
        // The agent went away (or the transport failed); it reconnects and registers again.
        LOG.debugf("control stream of agent %s ended: %s", connection.agentId(), Status.fromThrowable(error));
        handlers.connections().remove(connection);
        connection.abandon();
    }

    @Override
    public void onCompleted() {
        LOG.debugf("agent %s closed its control stream", connection.agentId());
        handlers.connections().remove(connection);
        connection.close(Status.OK);
    }
}
