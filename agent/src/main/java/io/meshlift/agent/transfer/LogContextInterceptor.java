package io.meshlift.agent.transfer;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Carries a pull's log context onto gRPC's executor threads: the source's answers (chunks, manifest
 * parts, the end of a call) are delivered there, and so are the verification and retries they trigger.
 */
final class LogContextInterceptor implements ClientInterceptor {

    private final PullLogContext context;

    LogContextInterceptor(PullLogContext context) {
        this.context = context;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new InContext<>(listener), headers);
            }
        };
    }

    private final class InContext<R> extends ForwardingClientCallListener.SimpleForwardingClientCallListener<R> {

        InContext(ClientCall.Listener<R> delegate) {
            super(delegate);
        }

        @Override
        public void onHeaders(Metadata headers) {
            try (PullLogContext.Scope ignored = context.apply()) {
                super.onHeaders(headers);
            }
        }

        @Override
        public void onMessage(R message) {
            try (PullLogContext.Scope ignored = context.apply()) {
                super.onMessage(message);
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            try (PullLogContext.Scope ignored = context.apply()) {
                super.onClose(status, trailers);
            }
        }

        @Override
        public void onReady() {
            try (PullLogContext.Scope ignored = context.apply()) {
                super.onReady();
            }
        }
    }
}
