package io.meshlift.it.corruption;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.meshlift.core.pki.LocalMesh.AgentFiles;
import io.meshlift.core.pki.MeshTls;
import io.meshlift.core.pki.MeshTrustManager;
import io.meshlift.core.pki.ReloadingKeyManager;

/**
 * A real peer in the test JVM: grpc-java over Netty with mutual TLS 1.3, holding a genuine agent
 * certificate from the mesh, so the agent under test has every reason to trust it, except its bytes.
 */
final class LyingPeer implements AutoCloseable {

    private final Server server;
    private final LyingPeerService service;

    private LyingPeer(Server server, LyingPeerService service) {
        this.server = server;
        this.service = service;
    }

    static LyingPeer start(AgentFiles identity, Path caCertificate, WireManifest manifest, Corruption corruption)
            throws IOException {
        SslContext tls = GrpcSslContexts.configure(
                        SslContextBuilder.forServer(
                                new ReloadingKeyManager(identity.certificate(), identity.privateKey())),
                        SslProvider.JDK)
                .trustManager(MeshTrustManager.acceptingAnyAgent(caCertificate, Set::of))
                .clientAuth(ClientAuth.REQUIRE)
                .protocols(MeshTls.PROTOCOLS)
                .build();
        LyingPeerService service = new LyingPeerService(manifest, corruption);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(tls)
                .addService(service)
                .build()
                .start();
        return new LyingPeer(server, service);
    }

    int port() {
        return server.getPort();
    }

    /** How many corrupted chunks it sent. */
    int corruptServed() {
        return service.corruptServed();
    }

    /** How many times the targeted chunk was asked for. */
    int targetRequests() {
        return service.targetRequests();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
