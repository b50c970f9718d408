package io.meshlift.core.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Wraps a JDK SSLContext so that everything it creates is TLS 1.3 only and requires client
 * certificates in server mode. {@code SSLContext.getInstance("TLSv1.3")} alone still enables
 * TLSv1.2 and older by default; the JDK offers no per-context switch, so the restriction is applied
 * to each socket, server socket and engine as it is created.
 */
final class Tls13OnlyContextSpi extends SSLContextSpi {

    private static final String[] PROTOCOLS = {MeshTls.TLS_1_3};

    private final SSLContext delegate;

    private Tls13OnlyContextSpi(SSLContext delegate) {
        this.delegate = delegate;
    }

    static SSLContext wrap(SSLContext delegate) {
        return new SSLContext(new Tls13OnlyContextSpi(delegate), delegate.getProvider(), MeshTls.TLS_1_3) {};
    }

    @Override
    protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
            throws KeyManagementException {
        delegate.init(keyManagers, trustManagers, random);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new SocketFactory(delegate.getSocketFactory());
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new ServerSocketFactory(delegate.getServerSocketFactory());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return restrict(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return restrict(delegate.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return restrict(delegate.getDefaultSSLParameters());
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return restrict(delegate.getSupportedSSLParameters());
    }

    private static SSLParameters restrict(SSLParameters parameters) {
        parameters.setProtocols(PROTOCOLS.clone());
        parameters.setNeedClientAuth(true);
        return parameters;
    }

    // setNeedClientAuth only takes effect in server mode, so setting it on every socket and engine
    // is harmless for clients and makes a forgotten setting fail closed for servers.
    private static SSLEngine restrict(SSLEngine engine) {
        engine.setEnabledProtocols(PROTOCOLS.clone());
        engine.setNeedClientAuth(true);
        return engine;
    }

    private static Socket restrict(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        ssl.setEnabledProtocols(PROTOCOLS.clone());
        ssl.setNeedClientAuth(true);
        return ssl;
    }

    private static ServerSocket restrict(ServerSocket socket) {
        SSLServerSocket ssl = (SSLServerSocket) socket;
        ssl.setEnabledProtocols(PROTOCOLS.clone());
        ssl.setNeedClientAuth(true);
        return ssl;
    }

    private static final class SocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        SocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return restrict(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(socket, consumed, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return restrict(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return restrict(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class ServerSocketFactory extends SSLServerSocketFactory {
        private final SSLServerSocketFactory delegate;

        ServerSocketFactory(SSLServerSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return restrict(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return restrict(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return restrict(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return restrict(delegate.createServerSocket(port, backlog, address));
        }
    }
}
