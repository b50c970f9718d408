package io.meshlift.agent.peer;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import io.meshlift.agent.wire.GrantMetadata;
import io.meshlift.core.pki.AgentId;

/**
 * Decides the call's {@link PeerAccess} from the caller's identity (set by {@link PeerIdentityInterceptor},
 * which runs first) and its {@code meshlift-grant-bin} metadata. A refusal is not sent here: the handler
 * sends it once it knows what was asked for, so the refusal report names the volume and path.
 */
final class PeerGrantInterceptor implements ServerInterceptor {

    static final Context.Key<PeerAccess> ACCESS = Context.key("meshlift-peer-access");

    private final PeerAuthorizer authorizer;

    PeerGrantInterceptor(PeerAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        AgentId caller = PeerIdentityInterceptor.CALLER.get();
        PeerAccess access = authorizer.decide(caller, headers.get(GrantMetadata.GRANT));
        return Contexts.interceptCall(Context.current().withValue(ACCESS, access), call, headers, next);
    }
}
