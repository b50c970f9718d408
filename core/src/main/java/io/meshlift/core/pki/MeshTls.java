package io.meshlift.core.pki;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * JDK TLS settings of the mesh: TLS 1.3 only, mutual authentication with the mesh key and trust
 * managers.
 *
 * <p>With Netty, pass the managers and {@link #PROTOCOLS} to {@code SslContextBuilder} (which
 * accepts an {@code Iterable<String>} of protocols), require client auth and keep the JDK provider:
 * {@link MeshTrustManager} prevents session resumption by invalidating JDK handshake sessions, which
 * has not been verified for the OpenSSL provider. With plain JDK sockets or engines, use {@link
 * #sslContext}.
 */
public final class MeshTls {

    /** The only protocol the mesh speaks. */
    public static final String TLS_1_3 = "TLSv1.3";

    /**
     * The enabled protocols, as an immutable list rather than a {@code String[]} so no caller can
     * weaken the shared constant by writing into it.
     */
    public static final List<String> PROTOCOLS = List.of(TLS_1_3);

    private MeshTls() {}

    /**
     * An SSLContext for mesh connections. Every socket, server socket and engine it creates has only
     * TLSv1.3 enabled and requires a client certificate when in server mode, and its default and
     * supported SSLParameters say the same. No hostname verification is configured: the trust
     * manager checks agent identity instead.
     */
    public static SSLContext sslContext(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager) {
        Objects.requireNonNull(keyManager, "keyManager");
        Objects.requireNonNull(trustManager, "trustManager");
        try {
            SSLContext delegate = SSLContext.getInstance(TLS_1_3);
            delegate.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, new SecureRandom());
            return Tls13OnlyContextSpi.wrap(delegate);
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime supports TLSv1.3; failing here means a broken JDK or policy.
            throw new IllegalStateException("JDK cannot create a " + TLS_1_3 + " SSLContext", e);
        }
    }

    /**
     * The agent identity of the authenticated peer of {@code session}, e.g. to authorize a request
     * after the handshake.
     *
     * @throws CertificateIdentityException if the peer is not authenticated or its certificate does
     *     not carry exactly one agent identity
     */
    public static AgentId peerIdentity(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new CertificateIdentityException("TLS peer is not authenticated", e);
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new CertificateIdentityException("TLS peer presented no X.509 certificate");
        }
        return AgentIdentities.fromCertificate(leaf);
    }
}
