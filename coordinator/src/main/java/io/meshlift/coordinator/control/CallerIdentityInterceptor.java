package io.meshlift.coordinator.control;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.agentauth.AgentTokenRejectedException;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.AgentIdentities;
import io.meshlift.core.pki.CertificateIdentityException;

/**
 * Puts the caller's agent id, from its verified client certificate, and the expiry of its access token
 * into the call context. A call without a certificate identity, of a revoked agent, or (when tokens are
 * required) without a valid token of that agent's own client never reaches the service (deny by default).
 */
final class CallerIdentityInterceptor implements ServerInterceptor {

    private static final Logger LOG = Logger.getLogger(CallerIdentityInterceptor.class);
    static final Context.Key<AgentId> CALLER = Context.key("meshlift-control-caller");
    /** When the call's access token expires; null when tokens are not required. */
    static final Context.Key<Instant> TOKEN_EXPIRY = Context.key("meshlift-control-token-expiry");

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ControlAuth auth;
    private final Supplier<Set<AgentId>> revoked;

    CallerIdentityInterceptor(ControlAuth auth, Supplier<Set<AgentId>> revoked) {
        this.auth = auth;
        this.revoked = revoked;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("mutual TLS is required"));
        }
        AgentId caller;
        try {
            Certificate[] chain = session.getPeerCertificates();
            caller = AgentIdentities.fromCertificate((X509Certificate) chain[0]);
        } catch (SSLPeerUnverifiedException | CertificateIdentityException | ClassCastException e) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("client certificate carries no agent identity"));
        }
        // The handshake already refused revoked agents; this catches a revocation made since.
        if (revoked.get().contains(caller)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("agent " + caller + " is revoked"));
        }
        Instant expiry;
        try {
            expiry = auth.authenticate(headers.get(AUTHORIZATION), caller);
        } catch (AgentTokenRejectedException e) {
            LOG.infof("control call of agent %s refused: %s", caller, e.getMessage());
            return refuse(call, ControlStatus.of(e));
        }
        Context context = Context.current().withValue(CALLER, caller).withValue(TOKEN_EXPIRY, expiry);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
