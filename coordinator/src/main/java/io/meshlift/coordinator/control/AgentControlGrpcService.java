package io.meshlift.coordinator.control;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import io.meshlift.core.pki.AgentId;
import io.meshlift.proto.control.v1.AgentControlGrpc;
import io.meshlift.proto.control.v1.AgentMessage;
import io.meshlift.proto.control.v1.CoordinatorMessage;

/** Server side of {@code AgentControl.Connect}: one session per stream, the caller's identity from its certificate. */
final class AgentControlGrpcService extends AgentControlGrpc.AgentControlImplBase {

    private final ControlHandlers handlers;

    AgentControlGrpcService(ControlHandlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<CoordinatorMessage> responses) {
        ServerCallStreamObserver<CoordinatorMessage> out = (ServerCallStreamObserver<CoordinatorMessage>) responses;
        AgentId caller = CallerIdentityInterceptor.CALLER.get();
        if (caller == null) {
            out.onError(Status.UNAUTHENTICATED
                    .withDescription("no agent identity on this call")
                    .asRuntimeException());
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage value) {}

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            };
        }
        AgentConnection connection = new AgentConnection(caller.value(), out, handlers.outboundQueue());
        connection.tokenExpiry(CallerIdentityInterceptor.TOKEN_EXPIRY.get());
        out.setOnReadyHandler(connection::drain);
        out.setOnCancelHandler(() -> {
            handlers.connections().remove(connection);
            connection.abandon();
        });
        return new AgentSession(connection, handlers);
    }
}
