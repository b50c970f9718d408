package io.meshlift.testkit.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak server, run as a child process from its Maven Central distribution (no Docker): unpacked
 * into a fresh work directory, realms imported from {@link RealmTemplate}s with random secrets, {@code kc.sh
 * start-dev} on a free loopback port, the log in {@code keycloak.log} of the work directory.
 *
 * <p>Lifecycle: {@link #start} returns once every realm answers its OpenID discovery document; {@link #close}
 * stops the process tree this instance started (and only it) and deletes the unpacked server. {@link #shared}
 * starts one server per JVM on first use, stopped by a shutdown hook, so a test run pays the ~10-20 s startup
 * once.
 *
 * <p>Configuration (system properties): {@value KeycloakDistribution#ZIP_PROPERTY} the distribution zip
 * (required), {@value #WORK_PROPERTY} the directory under which work directories are created (default: the
 * temporary directory).
 */
public final class KeycloakServer implements AutoCloseable {

    /** The realm the coordinator trusts. */
    public static final String REALM = "meshlift";

    /** A second realm with the same role names, for tokens of the wrong realm. */
    public static final String OTHER_REALM = "other";

    /** System property: parent directory of work directories. */
    public static final String WORK_PROPERTY = "meshlift.keycloak.work";

    /**
     * System property: how long to wait for Keycloak to serve its realms, as an ISO-8601 duration (default
     * {@code PT5M}). On a machine shared by many builds, {@code kc.sh start-dev}'s own build step alone can
     * take minutes.
     */
    public static final String STARTUP_TIMEOUT_PROPERTY = "meshlift.keycloak.startup-timeout";

    private static final Duration STARTUP_TIMEOUT =
            Duration.parse(System.getProperty(STARTUP_TIMEOUT_PROPERTY, "PT5M"));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakServer shared;

    private final Path workDir;
    private final Path home;
    private final Process process;
    private final int port;
    private final String adminUsername;
    private final String adminPassword;
    private final Map<String, Map<String, String>> secretsByRealm;
    private final Map<String, Map<String, String>> passwordsByRealm;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(
            Path workDir,
            Path home,
            Process process,
            int port,
            String adminUsername,
            String adminPassword,
            Map<String, Map<String, String>> secretsByRealm,
            Map<String, Map<String, String>> passwordsByRealm) {
        this.workDir = workDir;
        this.home = home;
        this.process = process;
        this.port = port;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.secretsByRealm = secretsByRealm;
        this.passwordsByRealm = passwordsByRealm;
    }

    /**
     * The server of this JVM with the {@code meshlift} and {@code other} realms, started on first call and
     * stopped when the JVM exits. Callers must not {@link #close} it.
     */
    public static synchronized KeycloakServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            KeycloakServer server = start(List.of(RealmTemplate.meshlift(), RealmTemplate.other()));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
            shared = server;
        }
        return shared;
    }

    /** Starts a server of its own with these realms; the caller closes it. */
    public static KeycloakServer start(List<RealmTemplate> realms) {
        return start(realms, createWorkDir(), freePort(), STARTUP_TIMEOUT);
    }

    /**
     * Starts a server in {@code workDir} (created if missing) on a fixed loopback HTTP port, for a caller that
     * checked the port itself. Nothing stops this server but {@link #close} or a signal to one of its {@link
     * #processIds}: it outlives the JVM that started it, which is what a long-running local installation (the
     * quickstart) needs.
     *
     * @param startupTimeout how long to wait for every realm to answer (a loaded machine needs more than tests
     *     allow)
     */
    public static KeycloakServer start(
            List<RealmTemplate> realms, Path workDir, int httpPort, Duration startupTimeout) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Keycloak work directory " + workDir, e);
        }
        Path zip = KeycloakDistribution.zipFromSystemProperty();
        Path home = KeycloakDistribution.unpack(zip, workDir);
        Map<String, Map<String, String>> secrets = new HashMap<>();
        Map<String, Map<String, String>> passwords = new HashMap<>();
        List<String> realmNames = new ArrayList<>();
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            for (RealmTemplate template : realms) {
                RealmTemplate.Rendered realm = template.render();
                Files.writeString(imports.resolve(realm.name() + "-realm.json"), realm.json());
                secrets.put(realm.name(), realm.clientSecrets());
                passwords.put(realm.name(), realm.userPasswords());
                realmNames.add(realm.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the realm imports under " + home, e);
        }

        int port = httpPort;
        int managementPort = freePort();
        String adminUsername = "bootstrap-admin";
        String adminPassword = RealmTemplate.randomSecret();
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--http-management-port=" + managementPort,
                        "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("keycloak.log").toFile());
        Map<String, String> env = builder.environment();
        // The same JDK as the tests, whatever JAVA_HOME says.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("JAVA_OPTS_APPEND", "-Xmx512m");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + home.resolve("bin/kc.sh"), e);
        }
        KeycloakServer server = new KeycloakServer(
                workDir, home, process, port, adminUsername, adminPassword, Map.copyOf(secrets), Map.copyOf(passwords));
        try {
            server.awaitReady(realmNames, startupTimeout);
        } catch (RuntimeException e) {
            server.stopProcess();
            throw e;
        }
        return server;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The realm's URL, which is also what OIDC clients take as the server URL. */
    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /**
     * The issuer of the realm's tokens when they are requested at {@link #baseUrl} (start-dev derives it from
     * the request's host name).
     */
    public String issuer(String realm) {
        return realmUrl(realm);
    }

    /** The generated secret of a client of the {@code meshlift} realm. */
    public String clientSecret(String clientId) {
        return clientSecret(REALM, clientId);
    }

    public String clientSecret(String realm, String clientId) {
        String secret = secretsByRealm.getOrDefault(realm, Map.of()).get(clientId);
        if (secret == null) {
            throw new IllegalArgumentException("realm " + realm + " has no confidential client " + clientId);
        }
        return secret;
    }

    /** The generated password of a user of the realm (users who sign in through the login form). */
    public String userPassword(String realm, String username) {
        String password = passwordsByRealm.getOrDefault(realm, Map.of()).get(username);
        if (password == null) {
            throw new IllegalArgumentException("realm " + realm + " has no user " + username + " with a password");
        }
        return password;
    }

    /** The realm administration API, as the bootstrap administrator: e.g. a client's redirect URIs. */
    public RealmAdmin admin(String realm) {
        return new RealmAdmin(baseUrl(), realm, adminUsername, adminPassword);
    }

    /** A fresh access token of the client's service account (client-credentials grant). */
    public String clientCredentialsToken(String realm, String clientId) {
        return clientCredentialsToken(realm, clientId, "127.0.0.1");
    }

    /**
     * A token requested at {@code http://<host>:<port>}: with {@code localhost} Keycloak issues it under a
     * different {@code iss} than with {@code 127.0.0.1}.
     */
    public String clientCredentialsToken(String realm, String clientId, String host) {
        URI tokenEndpoint =
                URI.create("http://" + host + ":" + port + "/realms/" + realm + "/protocol/openid-connect/token");
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret(realm, clientId));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // The body is an OAuth error (error, error_description); it holds no secret.
                throw new IllegalStateException("token request of client " + clientId + " in realm " + realm
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token request of client " + clientId + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while requesting a token", e);
        }
    }

    /** A token source for the client that renews the token before it expires (for long-running callers). */
    public RefreshingToken refreshingToken(String realm, String clientId) {
        clientSecret(realm, clientId);
        return new RefreshingToken(this, realm, clientId);
    }

    /** The bootstrap administrator of the {@code master} realm. */
    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /**
     * The PIDs of the server: the {@code kc.sh} launcher first, then the server JVM it runs, so that a caller
     * that outlives this object can stop exactly these processes later.
     */
    public List<Long> processIds() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    /** The generated secrets of the realm's confidential clients, client id to secret. */
    public Map<String, String> clientSecrets(String realm) {
        return secretsByRealm.getOrDefault(realm, Map.of());
    }

    /** Where the server's log is written. */
    public Path logFile() {
        return workDir.resolve("keycloak.log");
    }

    /** Stops the server and deletes the unpacked distribution (with the realm imports); the log stays. */
    @Override
    public void close() {
        stopProcess();
        deleteRecursively(home);
    }

    private void awaitReady(List<String> realms, Duration startupTimeout) {
        Instant deadline = Instant.now().plus(startupTimeout);
        for (String realm : realms) {
            URI discovery = URI.create(realmUrl(realm) + "/.well-known/openid-configuration");
            while (!answers(discovery)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "Keycloak exited with " + process.exitValue() + " before it was ready; see " + logFile());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "Keycloak did not serve " + discovery + " within " + startupTimeout + "; see " + logFile());
                }
                pause(Duration.ofMillis(250));
            }
        }
    }

    private boolean answers(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    /**
     * kc.sh runs the server JVM as its child and forwards SIGTERM to it; whatever is left after the grace
     * period is killed, descendants included. Only this instance's process tree is touched.
     */
    private void stopProcess() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        process.destroy();
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && Instant.now().isBefore(deadline)) {
                pause(Duration.ofMillis(100));
            }
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    private static Path createWorkDir() {
        try {
            String parent = System.getProperty(WORK_PROPERTY);
            if (parent == null || parent.isBlank()) {
                return Files.createTempDirectory("meshlift-keycloak-");
            }
            return Files.createTempDirectory(Files.createDirectories(Path.of(parent)), "keycloak-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Keycloak work directory", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftovers under target/ are harmless; the server is already stopped.
        }
    }
}
