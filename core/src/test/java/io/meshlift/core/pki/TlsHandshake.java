package io.meshlift.core.pki;

import java.io.InputStream;
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
 * Runs one TLS connection over real loopback sockets and reports what each side saw. After the
 * handshake the server sends one byte and the client answers with one: in TLS 1.3 the client
 * finishes its handshake before the server has judged the client certificate, so only this
 * exchange shows the client whether the server accepted it.
 */
final class TlsHandshake {

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

    private TlsHandshake() {}

    static Outcome connect(SSLContext server, SSLContext client) {
        return connect(server, client, socket -> {});
    }

    /** Connects {@code client} to a fresh server socket of {@code server}; {@code tweakClient} runs before the handshake. */
    static Outcome connect(SSLContext server, SSLContext client, Consumer<SSLSocket> tweakClient) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket)
                server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MILLIS);
            Future<Object> serverSide = executor.submit(() -> serve(listener));
            Object clientResult = dial(client, listener.getLocalPort(), tweakClient);
            Object serverResult = serverSide.get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
            Object[] clientSaw = clientResult instanceof Object[] pair ? pair : null;
            return new Outcome(
                    serverResult instanceof AgentId id ? id : null,
                    serverResult instanceof Throwable t ? t : null,
                    clientSaw == null ? null : (AgentId) clientSaw[0],
                    clientSaw == null ? null : (X509Certificate) clientSaw[1],
                    clientResult instanceof Throwable t ? t : null);
        } catch (Exception e) {
            throw new IllegalStateException("TLS test harness failed", e);
        } finally {
            executor.shutdownNow();
        }
    }

    private static Object serve(SSLServerSocket listener) {
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

    private static Object dial(SSLContext client, int port, Consumer<SSLSocket> tweak) {
        try (SSLSocket socket =
                (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            tweak.accept(socket);
            socket.startHandshake();
            InputStream in = socket.getInputStream();
            if (in.read() != 1) {
                throw new IllegalStateException("server closed the connection after the handshake");
            }
            socket.getOutputStream().write(2);
            socket.getOutputStream().flush();
            return new Object[] {
                MeshTls.peerIdentity(socket.getSession()), socket.getSession().getPeerCertificates()[0]
            };
        } catch (Exception e) {
            return e;
        }
    }
}
