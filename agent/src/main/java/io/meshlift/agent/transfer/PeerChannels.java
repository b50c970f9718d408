package io.meshlift.agent.transfer;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

import io.meshlift.agent.tls.PeerTls;
import io.meshlift.core.manifest.ChunkLayout;

/** Opens mTLS channels to peers; each channel accepts only the agent it was opened for. */
public final class PeerChannels {

    private static final int MAX_MESSAGE_BYTES = ChunkLayout.MAX_CHUNK_SIZE + 1024 * 1024;

    private final PeerTls tls;

    public PeerChannels(PeerTls tls) {
        this.tls = tls;
    }

    public ManagedChannel open(PeerEndpoint peer) {
        try {
            return NettyChannelBuilder.forAddress(peer.host(), peer.port())
                    .sslContext(tls.clientContext(peer.agentId()))
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .keepAliveTime(30, TimeUnit.SECONDS)
                    .keepAliveTimeout(10, TimeUnit.SECONDS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS to " + peer + ": " + e.getMessage(), e);
        }
    }
}
