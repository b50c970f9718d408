package io.meshlift.cli.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.meshlift.core.pki.AgentCsrs;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.AgentIdentities;
import io.meshlift.core.pki.AtomicFiles;
import io.meshlift.core.pki.KeyPairs;
import io.meshlift.core.pki.Pem;

/**
 * Enrolls this host's agent: generates its key here (it never leaves the host), sends a CSR with the
 * one-time token to the coordinator, and writes key, certificate, CA certificate and Keycloak client
 * secret in the layout the agent's configuration expects. Nothing is written unless enrollment succeeded.
 */
@Command(
        name = "enroll",
        mixinStandardHelpOptions = true,
        description = "Enroll this host's agent with a one-time token from an admin"
                + " (POST /api/v1/agents/{id}/enrollments).")
public final class EnrollCommand implements Callable<Integer> {

    /** Files written into --dir; agent.tls.* and agent.coordinator.oidc.client-secret-file point at them. */
    public static final String KEY = "agent.key";

    public static final String CERTIFICATE = "agent.crt";
    public static final String CA = "ca.crt";
    public static final String CLIENT_SECRET = "client-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--coordinator",
            required = true,
            description = "Coordinator REST base URL, e.g. https://coordinator:8080.")
    URI coordinator;

    @Option(names = "--id", required = true, description = "This agent's id (the one the token was issued for).")
    String id;

    @Option(
            names = "--token-file",
            required = true,
            description =
                    "File holding the one-time enrollment token (kept out of the command line and shell history).")
    Path tokenFile;

    @Option(
            names = "--dir",
            required = true,
            description = "Directory to write agent.key, agent.crt, ca.crt and client-secret into.")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        AgentId agent = AgentId.of(id);
        String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException(tokenFile + " is empty; it must hold the enrollment token");
        }
        KeyPair keys = KeyPairs.generateEcP256();
        String csr = Pem.encodeCsr(AgentCsrs.build(agent, keys));

        JsonNode enrollment = enroll(agent, csr, token);

        List<X509Certificate> chain =
                Pem.parseCertificates(text(enrollment, "certificateChain"), "the coordinator's certificate chain");
        X509Certificate certificate = chain.get(0);
        List<X509Certificate> ca = Pem.parseCertificates(text(enrollment, "caCertificate"), "the coordinator's CA");
        // The coordinator must have certified our key, for our id: anything else is not ours to install.
        KeyPairs.requireMatching(keys.getPrivate(), certificate.getPublicKey(), "the issued certificate");
        if (!AgentIdentities.fromCertificate(certificate).equals(agent)) {
            throw new IllegalStateException("the coordinator issued a certificate for "
                    + AgentIdentities.fromCertificate(certificate) + ", not " + agent);
        }
        // Key before certificate: a running agent reloading the pair never sees a certificate without its key.
        Pem.writePrivateKey(dir.resolve(KEY), keys.getPrivate());
        Pem.writeCertificates(dir.resolve(CERTIFICATE), chain);
        Pem.writeCertificates(dir.resolve(CA), ca);
        AtomicFiles.write(
                dir.resolve(CLIENT_SECRET), text(enrollment, "clientSecret").getBytes(StandardCharsets.UTF_8), true);

        var out = spec.commandLine().getOut();
        out.println("enrolled agent " + agent + " (certificate valid until "
                + certificate.getNotAfter().toInstant() + "); configure it with:");
        out.println("  agent.id=" + agent);
        out.println("  agent.tls.key=" + dir.resolve(KEY).toAbsolutePath());
        out.println("  agent.tls.cert=" + dir.resolve(CERTIFICATE).toAbsolutePath());
        out.println("  agent.tls.ca=" + dir.resolve(CA).toAbsolutePath());
        out.println("  agent.coordinator.oidc.client-id=" + text(enrollment, "clientId"));
        out.println("  agent.coordinator.oidc.client-secret-file="
                + dir.resolve(CLIENT_SECRET).toAbsolutePath());
        out.flush();
        return 0;
    }

    private JsonNode enroll(AgentId agent, String csr, String token) throws IOException, InterruptedException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("agentId", agent.value());
        body.put("csr", csr);
        URI endpoint = URI.create(coordinator.toString().replaceAll("/+$", "") + "/api/v1/enroll");
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                // The token goes in the header, never in a URL where proxies and access logs keep it.
                .header("Authorization", "Enrollment " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the coordinator refused the enrollment of " + agent + " ("
                    + response.statusCode() + "): " + problemDetail(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private static String problemDetail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("detail").asText(body) + " ["
                    + problem.path("type").asText("") + "]";
        } catch (IOException e) {
            return body;
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalStateException("the coordinator's answer has no " + field);
        }
        return value;
    }
}
