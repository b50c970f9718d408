package io.meshlift.agent.wire;

import io.grpc.Metadata;

/**
 * The one gRPC metadata entry of the peer protocol: the requester's grant, an encoded {@code SignedGrant}
 * (grant.proto) exactly as the coordinator sent it. Binary ({@code -bin}), so it is carried unchanged.
 */
public final class GrantMetadata {

    public static final Metadata.Key<byte[]> GRANT =
            Metadata.Key.of("meshlift-grant-bin", Metadata.BINARY_BYTE_MARSHALLER);

    private GrantMetadata() {}
}
