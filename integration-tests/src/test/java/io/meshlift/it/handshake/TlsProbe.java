package io.meshlift.it.handshake;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.meshlift.core.pki.LocalMesh.AgentFiles;
import io.meshlift.core.pki.Pem;

/**
 * A plain JDK TLS client, configured by hand rather than with Meshlift's TLS helpers, that dials an
 * agent's peer port the way a gRPC client would (ALPN h2) and reads the first HTTP/2 frame the
 * server sends once it has accepted the connection.
 */
final class TlsProbe {

    /** HTTP/2 frame type of SETTINGS, the first frame a server sends (RFC 9113, 3.4). */
    static final int HTTP2_SETTINGS = 0x4;

    private final KeyManager[] keyManagers;
    private final Path caCertificate;
    private final String[] protocols;

    private TlsProbe(KeyManager[] keyManagers, Path caCertificate, String[] protocols) {
        this.keyManagers = keyManagers;
        this.caCertificate = caCertificate;
        this.protocols = protocols;
    }

    /** A client that trusts the mesh CA but has no certificate of its own. */
    static TlsProbe withoutCertificate(Path caCertificate) {
        return new TlsProbe(null, caCertificate, new String[] {"TLSv1.3"});
    }

    /** A client presenting {@code identity} (whatever CA issued it) and trusting the mesh CA. */
    static TlsProbe withCertificate(AgentFiles identity, Path caCertificate)
            throws GeneralSecurityException, IOException {
        List<X509Certificate> chain = Pem.readCertificates(identity.certificate());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "probe".toCharArray();
        store.setKeyEntry(
                "agent", Pem.readPrivateKey(identity.privateKey()), password, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return new TlsProbe(factory.getKeyManagers(), caCertificate, new String[] {"TLSv1.3"});
    }

    /** The same client offering only {@code protocol}. */
    TlsProbe offeringOnly(String protocol) {
        return new TlsProbe(keyManagers, caCertificate, new String[] {protocol});
    }

    /**
     * Handshakes with {@code 127.0.0.1:port} and reads the server's first HTTP/2 frame header. With
     * TLS 1.3 a client may finish its side of the handshake before the server has judged the client
     * certificate, so a refusal can surface on this first read as the server's alert.
     *
     * @return what the accepted connection looked like
     */
    Accepted connect(int port) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustingMeshCa(), null);
        try (SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(protocols);
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(9);
            if (header.length < 9) {
                throw new EOFException("server closed the connection after " + header.length + " bytes");
            }
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return new Accepted(
                    socket.getSession().getProtocol(),
                    socket.getApplicationProtocol(),
                    server.getSubjectX500Principal().getName(),
                    header[3] & 0xFF);
        }
    }

    /** What a successful connection negotiated. */
    record Accepted(String protocol, String applicationProtocol, String serverSubject, int firstFrameType) {}

    private javax.net.ssl.TrustManager[] trustingMeshCa() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("mesh-ca", Pem.readCertificate(caCertificate));
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trusted);
        return factory.getTrustManagers();
    }
}
