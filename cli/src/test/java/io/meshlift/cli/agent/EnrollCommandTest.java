package io.meshlift.cli.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.meshlift.cli.MeshliftCommand;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.AgentIdentities;
import io.meshlift.core.pki.CertificateAuthority;
import io.meshlift.core.pki.KeyPairs;
import io.meshlift.core.pki.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code meshlift agent enroll} against a stand-in for the coordinator's enroll endpoint that checks
 * the request as the coordinator does (token header, CSR signed by the real mesh CA code).
 */
class EnrollCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok-" + "x".repeat(40);

    @TempDir
    Path dir;

    private final CertificateAuthority ca = CertificateAuthority.create("cli test CA");
    private final AtomicReference<String> csrSeen = new AtomicReference<>();
    private HttpServer coordinator;

    @BeforeEach
    void startCoordinator() throws Exception {
        coordinator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        coordinator.createContext("/api/v1/enroll", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            int status;
            Object answer;
            if (!("Enrollment " + TOKEN).equals(authorization)) {
                status = 401;
                answer = Map.of(
                        "type", "urn:meshlift:problem:enrollment-token-used",
                        "status", 401,
                        "detail", "the enrollment token of agent alpha was already used");
            } else {
                csrSeen.set(body.path("csr").asText());
                PKCS10CertificationRequest csr = Pem.parseCsr(body.path("csr").asText(), "request");
                AgentId agent = AgentId.of(body.path("agentId").asText());
                X509Certificate certificate = ca.signCsr(csr, agent, Duration.ofDays(1));
                status = 200;
                answer = Map.of(
                        "agentId", agent.value(),
                        "certificateChain", Pem.encodeCertificates(List.of(certificate)),
                        "caCertificate", Pem.encodeCertificates(List.of(ca.certificate())),
                        "clientId", "meshlift-agent-" + agent.value(),
                        "clientSecret", "secret-of-" + agent.value());
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders()
                    .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        coordinator.start();
    }

    @AfterEach
    void stopCoordinator() {
        coordinator.stop(0);
    }

    private int run(String token, StringWriter out, StringWriter err) throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token + "\n");
        CommandLine cli = new CommandLine(new MeshliftCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(
                "agent",
                "enroll",
                "--coordinator",
                "http://127.0.0.1:" + coordinator.getAddress().getPort() + "/",
                "--id",
                "alpha",
                "--token-file",
                tokenFile.toString(),
                "--dir",
                dir.resolve("agent").toString());
    }

    @Test
    void writesKeyCertificateCaAndSecretInTheAgentsLayout() throws Exception {
        StringWriter out = new StringWriter();

        int exit = run(TOKEN, out, new StringWriter());

        assertThat(exit).isZero();
        Path agentDir = dir.resolve("agent");
        X509Certificate certificate = Pem.readCertificate(agentDir.resolve("agent.crt"));
        assertThat(AgentIdentities.fromCertificate(certificate)).isEqualTo(AgentId.of("alpha"));
        KeyPairs.requireMatching(
                Pem.readPrivateKey(agentDir.resolve("agent.key")), certificate.getPublicKey(), "agent.crt");
        assertThat(Pem.readCertificate(agentDir.resolve("ca.crt"))).isEqualTo(ca.certificate());
        assertThat(Files.readString(agentDir.resolve("client-secret"))).isEqualTo("secret-of-alpha");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir.resolve("agent.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir.resolve("client-secret"))))
                .isEqualTo("rw-------");
        // Only the CSR travelled: no private key in the request, and the secret is not printed.
        assertThat(csrSeen.get()).contains("CERTIFICATE REQUEST").doesNotContain("PRIVATE KEY");
        assertThat(out.toString())
                .contains("agent.tls.key=" + agentDir.resolve("agent.key").toAbsolutePath())
                .contains("agent.coordinator.oidc.client-id=meshlift-agent-alpha")
                .doesNotContain("secret-of-alpha");
    }

    @Test
    void aRefusedEnrollmentWritesNothingAndSaysWhy() throws Exception {
        StringWriter err = new StringWriter();

        int exit = run("some-other-token", new StringWriter(), err);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("401").contains("already used").contains("enrollment-token-used");
        assertThat(dir.resolve("agent")).doesNotExist();
    }
}
