package io.meshlift.core.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on a real loopback socket that reports, per connection, what each side saw. All
 * connections of one test go to the same port, so clients do try to resume earlier sessions.
 *
 * <p>After the handshake the server sends one byte and the client answers with one: in TLS 1.3 the
 * client finishes its handshake before the server has judged the client certificate, so only this
 * exchange tells the client whether the server accepted it.
 */
final class TlsServer implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 15_000;

    /**
     * What one connection produced.
     *
     * @param serverSawClient the client identity the server authenticated, or null
     * @param serverError why the server side failed, or null
     * @param clientSawServer the server identity the client authenticated, or null
     * @param serverLeaf the certificate the server presented, as the client saw it, or null
     * @param clientError why the client side failed, or null
     */
    record Outcome(
            AgentId serverSawClient,
            Throwable serverError,
            AgentId clientSawServer,
            X509Certificate serverLeaf,
            Throwable clientError) {

        boolean succeeded() {
            return serverError == null && clientError == null;
        }
    }

    private record ClientView(AgentId server, X509Certificate leaf) {}

    private final SSLServerSocket listener;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    /** Listens on an ephemeral loopback port with a socket from {@code context}'s factory, as-is. */
    TlsServer(SSLContext context) throws IOException {
        listener = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(TIMEOUT_MILLIS);
    }

    SSLServerSocket socket() {
        return listener;
    }

    Outcome connect(SSLContext client) {
        return connect(client, socket -> {});
    }

    /** Accepts one connection from {@code client}; {@code tweakClient} runs before its handshake. */
    Outcome connect(SSLContext client, Consumer<SSLSocket> tweakClient) {
        try {
            Future<Object> serverSide = executor.submit(this::serveOne);
            Object clientResult = dial(client, tweakClient);
            Object serverResult = serverSide.get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
            ClientView view = clientResult instanceof ClientView v ? v : null;
            return new Outcome(
                    serverResult instanceof AgentId id ? id : null,
                    serverResult instanceof Throwable t ? t : null,
                    view == null ? null : view.server(),
                    view == null ? null : view.leaf(),
                    clientResult instanceof Throwable t ? t : null);
        } catch (Exception e) {
            throw new IllegalStateException("TLS test harness failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        executor.shutdownNow();
        listener.close();
    }

    private Object serveOne() {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            AgentId client = MeshTls.peerIdentity(socket.getSession());
            OutputStream out = socket.getOutputStream();
            out.write(1);
            out.flush();
            if (socket.getInputStream().read() != 2) {
                throw new IllegalStateException("client did not answer");
            }
            return client;
        } catch (Exception e) {
            return e;
        }
    }

    private Object dial(SSLContext client, Consumer<SSLSocket> tweak) {
        try (SSLSocket socket = (SSLSocket)
                client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            tweak.accept(socket);
            socket.startHandshake();
            if (socket.getInputStream().read() != 1) {
                throw new IllegalStateException("server closed the connection after the handshake");
            }
            socket.getOutputStream().write(2);
            socket.getOutputStream().flush();
            return new ClientView(MeshTls.peerIdentity(socket.getSession()), (X509Certificate)
                    socket.getSession().getPeerCertificates()[0]);
        } catch (Exception e) {
            return e;
        }
    }
}
