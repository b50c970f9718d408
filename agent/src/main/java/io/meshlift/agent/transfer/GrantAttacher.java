package io.meshlift.agent.transfer;

import java.util.function.Supplier;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import io.meshlift.agent.wire.GrantMetadata;

/**
 * Sends the pull's grant, unchanged, with every call to the source ({@code meshlift-grant-bin}). Read at
 * each call start, so a grant renewed by the coordinator is used from the next call on.
 */
final class GrantAttacher implements ClientInterceptor {

    private final Supplier<byte[]> grant;

    GrantAttacher(Supplier<byte[]> grant) {
        this.grant = grant;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                byte[] current = grant.get();
                if (current != null && current.length > 0) {
                    headers.put(GrantMetadata.GRANT, current);
                }
                super.start(listener, headers);
            }
        };
    }
}
