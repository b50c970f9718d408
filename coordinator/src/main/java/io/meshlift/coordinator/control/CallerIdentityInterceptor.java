package io.meshlift.coordinator.control;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.AgentIdentities;
import io.meshlift.core.pki.CertificateIdentityException;

/**
 * Puts the caller's agent id, from its verified client certificate, into the call context. A call
 * without one never reaches the service (deny by default).
 */
final class CallerIdentityInterceptor implements ServerInterceptor {

    static final Context.Key<AgentId> CALLER = Context.key("meshlift-control-caller");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            call.close(Status.UNAUTHENTICATED.withDescription("mutual TLS is required"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            AgentId caller = AgentIdentities.fromCertificate((X509Certificate) chain[0]);
            return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
        } catch (SSLPeerUnverifiedException | CertificateIdentityException | ClassCastException e) {
            call.close(
                    Status.UNAUTHENTICATED.withDescription("client certificate carries no agent identity"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
    }
}
