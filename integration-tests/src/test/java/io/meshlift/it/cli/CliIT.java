package io.meshlift.it.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.meshlift.it.dataset.DatasetFixtures;
import io.meshlift.it.harness.AgentEnrollment;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.CoordinatorProcess;
import io.meshlift.it.harness.LocalMeshFixture;
import io.meshlift.it.harness.Workspace;
import io.meshlift.testkit.keycloak.KeycloakServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code meshlift} CLI against a real coordinator, real Keycloak and two real agents: an operator
 * logs in with client credentials, validates and applies a plan (dry run, then for real while watching),
 * reads and steers jobs; an auditor shows, exports and verifies the audit, the sha256sum export checked by
 * coreutils itself and {@code audit verify} against the destination tree on disk and against a tampered
 * copy. Exit codes are checked for every command, and no output ever holds a secret or a token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");
    private static final int FILES = 40;

    private static Workspace workspace;
    private static CoordinatorProcess coordinator;
    private static final List<AgentProcess> agents = new ArrayList<>();
    private static final List<String> printed = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> secrets = new ArrayList<>();

    private static CliRun operator;
    private static CliRun auditor;
    private static Path planFile;
    private static Path operatorSecret;
    private static Path auditorSecret;
    private static Path destination;
    private static String jobId;

    @BeforeAll
    static void startMesh() throws IOException {
        workspace = Workspace.forClass(CliIT.class);
        LocalMeshFixture mesh = LocalMeshFixture.create(workspace.dir("mesh"), "c1", "c2", CoordinatorProcess.IDENTITY);
        coordinator = CoordinatorProcess.builder(mesh, workspace).start();
        AgentProcess c1 = linkedAgent("c1", mesh);
        AgentProcess c2 = linkedAgent("c2", mesh);
        agents.addAll(List.of(c1, c2));

        Map<String, Integer> files = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(7_001L);
        for (int i = 0; i < FILES; i++) {
            files.put(String.format("dir%d/file-%03d.dat", i % 4, i), random.nextInt(16_385));
        }
        files.put("large/three-mib.bin", 3 * DatasetFixtures.MIB);
        new DatasetFixtures(7_002L).small(c1.volume("data").resolve("cli-data"), files);
        destination = c2.volume("data").resolve("copies/cli-data");

        agents.forEach(AgentProcess::launch);
        agents.forEach(AgentProcess::awaitReady);

        KeycloakServer keycloak = coordinator.keycloak();
        operatorSecret = secretFile("operator.secret", keycloak.clientSecret("meshlift-test-operator"));
        auditorSecret = secretFile("auditor.secret", keycloak.clientSecret("meshlift-test-auditor"));
        operator = new CliRun(workspace.dir("cli", "operator-config"), printed);
        auditor = new CliRun(workspace.dir("cli", "auditor-config"), printed);
        planFile = workspace.dir("cli").resolve("plan.yaml");
        Files.writeString(planFile, PLAN, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopEverything() {
        agents.forEach(AgentProcess::close);
        if (coordinator != null) {
            coordinator.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void commandsNeedALoginAndSaySo() {
        CliRun.Result result = operator.run("jobs", "list");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("not logged in").contains("meshlift login");
    }

    @Test
    @Order(2)
    void clientCredentialsLoginKeepsTokensOwnerOnlyAndPrintsNoSecret() throws IOException {
        CliRun.Result result = login(operator, "meshlift-test-operator", operatorSecret);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("logged in to " + coordinator.baseUri());
        assertThat(result.out()).contains("service-account-meshlift-test-operator");

        Path session = operator.configDir().resolve("session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(operator.configDir())))
                .isEqualTo("rwx------");
        String stored = Files.readString(session);
        assertThat(stored).doesNotContain(Files.readString(operatorSecret).strip());
        assertThat(JSON.readTree(stored).path("clientSecretFile").asText())
                .isEqualTo(operatorSecret.toAbsolutePath().toString());
        assertThat(login(auditor, "meshlift-test-auditor", auditorSecret).exitCode())
                .isZero();
    }

    @Test
    @Order(3)
    void deviceLoginShowsTheVerificationUrlAndCodeOfTheRealmsCliClientAndGivesUpAtTheTimeout() {
        CliRun people = new CliRun(workspace.dir("cli", "device-config"), printed);
        CliRun.Result result = people.run(
                "login",
                "--coordinator",
                coordinator.baseUri().toString(),
                "--issuer",
                coordinator.keycloak().issuer(KeycloakServer.REALM),
                "--timeout",
                "7");
        // Nobody enters the code, so the login ends unauthenticated, having polled Keycloak for it.
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out())
                .contains("To log in, open " + coordinator.keycloak().issuer(KeycloakServer.REALM) + "/device")
                .containsPattern("enter the code [A-Z]{4}-[A-Z]{4}");
        assertThat(result.err()).contains("not completed within 7 s");
        assertThat(people.configDir().resolve("session.json")).doesNotExist();
    }

    @Test
    @Order(4)
    void agentsListShowsBothAgentsOnline() {
        await("agents c1 and c2 ONLINE as meshlift agents list shows them")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    CliRun.Result result = operator.run("agents", "list", "--output", "json");
                    assertThat(result.exitCode()).as(result.toString()).isZero();
                    Set<String> online = new java.util.TreeSet<>();
                    for (JsonNode agent : JSON.readTree(result.out())) {
                        if ("ONLINE".equals(agent.path("state").asText())) {
                            online.add(agent.path("id").asText());
                        }
                    }
                    return online.containsAll(Set.of("c1", "c2"));
                });
        CliRun.Result table = operator.run("agents", "list");
        assertThat(table.out()).startsWith("ID").contains("c1").contains("c2").contains("ONLINE");
    }

    @Test
    @Order(5)
    void planValidateAcceptsThePlanAndReportsErrorsWithFileLineAndColumn() throws IOException {
        CliRun.Result valid = operator.runExactly("plan", "validate", planFile.toString());
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.out()).contains("valid plan 'cli-it'").contains("1 dataset(s), 1 transfer(s)");

        Path broken = workspace.dir("cli").resolve("broken.yaml");
        Files.writeString(broken, PLAN.replace("path: cli-data }", "path: ../cli-data }"));
        CliRun.Result invalid = operator.runExactly("plan", "validate", broken.toString());
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.err()).contains(broken + ":9:").contains("spec.datasets[0].source.path");
    }

    @Test
    @Order(6)
    void dryRunPrintsCountsAndStartsNoJob() throws IOException {
        CliRun.Result dryRun = operator.run("plan", "apply", planFile.toString(), "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out())
                .contains("nothing was started")
                .contains("1 dataset(s), 1 transfer(s), 2 agent(s); every agent is ONLINE")
                .contains("c2:data:copies/cli-data");
        CliRun.Result jobs = operator.run("jobs", "list", "--output", "json");
        assertThat(jobs.exitCode()).isZero();
        assertThat(JSON.readTree(jobs.out())).isEmpty();
    }

    @Test
    @Order(7)
    void applyWithWatchFollowsTheJobUntilItSucceeds() throws IOException {
        CliRun.Result apply = operator.run("plan", "apply", planFile.toString(), "--watch");
        assertThat(apply.exitCode())
                .as(apply.toString() + "\ncoordinator:\n" + coordinator.logTail(40))
                .isZero();
        assertThat(apply.out()).contains("started from plan cli-it").contains("SUCCEEDED");

        JsonNode jobs =
                JSON.readTree(operator.run("jobs", "list", "--output", "json").out());
        assertThat(jobs).hasSize(1);
        jobId = jobs.get(0).path("id").asText();
        assertThat(apply.out()).contains("job " + jobId + " SUCCEEDED");
    }

    @Test
    @Order(8)
    void jobsGetAndListShowTheFinishedJob() throws IOException {
        CliRun.Result json = operator.run("jobs", "get", jobId, "--output", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode job = JSON.readTree(json.out());
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("progress").path("filesDone").asLong()).isEqualTo(FILES + 1);
        assertThat(job.path("transfers").get(0).path("destination").asText()).isEqualTo("c2:data:copies/cli-data");

        CliRun.Result table = operator.run("jobs", "get", jobId);
        assertThat(table.out()).contains("State:     SUCCEEDED").contains("c2:data:copies/cli-data");
        assertThat(operator.run("jobs", "list").out()).contains(jobId).contains("100.0%");

        CliRun.Result watch = operator.run("jobs", "watch", jobId, "--output", "json");
        assertThat(watch.exitCode()).as(watch.toString()).isZero();
        assertThat(JSON.readTree(watch.out().lines().reduce((a, b) -> b).orElseThrow())
                        .path("state")
                        .asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(9)
    void anExpiredTokenIsRenewedFromTheSecretFileWithoutAnotherLogin() throws IOException {
        Path session = operator.configDir().resolve("session.json");
        ObjectNode stored = (ObjectNode) JSON.readTree(Files.readString(session));
        String before = stored.path("accessToken").asText();
        stored.put("accessTokenExpiresAt", Instant.now().minusSeconds(60).getEpochSecond());
        Files.writeString(session, stored.toString());

        CliRun.Result result = operator.run("jobs", "get", jobId, "--output", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode renewed = JSON.readTree(Files.readString(session));
        assertThat(renewed.path("accessToken").asText()).isNotEqualTo(before);
        assertThat(renewed.path("accessTokenExpiresAt").asLong())
                .isGreaterThan(Instant.now().getEpochSecond());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
                .isEqualTo("rw-------");
    }

    @Test
    @Order(10)
    void steeringAFinishedJobIsAConflictAndAnUnknownJobIsNotFound() {
        CliRun.Result pause = operator.run("jobs", "pause", jobId);
        assertThat(pause.exitCode()).as(pause.toString()).isEqualTo(6);
        assertThat(pause.err()).contains("coordinator:").contains("(HTTP 409)");

        CliRun.Result unknown = operator.run("jobs", "get", UUID.randomUUID().toString());
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(4);
        assertThat(unknown.err()).contains("(HTTP 404)");
    }

    @Test
    @Order(11)
    void anOperatorMayNotReadTheAudit() {
        CliRun.Result result = operator.run("audit", "show", jobId);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("(HTTP 403)");
    }

    @Test
    @Order(12)
    void auditShowListsEveryFileAsMatching() throws IOException {
        CliRun.Result result = auditor.run("audit", "show", jobId, "--output", "json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode audit = JSON.readTree(result.out());
        assertThat(audit.path("files")).hasSize(FILES + 1);
        audit.path("files").forEach(f -> assertThat(f.path("status").asText()).isEqualTo("MATCH"));
        assertThat(audit.path("transfers").get(0).path("digestsMatch").asBoolean())
                .isTrue();

        CliRun.Result mismatches = auditor.run("audit", "show", jobId, "--mismatch", "--output", "json");
        assertThat(JSON.readTree(mismatches.out()).path("files")).isEmpty();
        assertThat(auditor.run("audit", "show", jobId).out())
                .contains("large/three-mib.bin")
                .contains("MATCH");
    }

    @Test
    @Order(13)
    void sha256sumExportIsCheckedByCoreutilsInTheDestinationDirectory() throws Exception {
        Path sums = workspace.dir("cli").resolve("job.sha256");
        CliRun.Result export = auditor.run("audit", "export", jobId, "--format", "sha256sum", "-o", sums.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(Files.readAllLines(sums)).hasSize(FILES + 1);

        Process check = new ProcessBuilder("sha256sum", "--check", "--strict", sums.toString())
                .directory(destination.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.endsWith(": OK")).count()).isEqualTo(FILES + 1);
    }

    @Test
    @Order(14)
    void jsonAndCsvExportsStreamOneRowPerFile() throws IOException {
        CliRun.Result json = auditor.run("audit", "export", jobId, "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        List<String> lines = json.out().lines().toList();
        assertThat(lines).hasSize(FILES + 1);
        assertThat(JSON.readTree(lines.get(0)).path("status").asText()).isEqualTo("MATCH");

        CliRun.Result csv = auditor.run("audit", "export", jobId, "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow()).startsWith("transferId,dataset,destination,path");
        assertThat(csv.out().lines().count()).isEqualTo(FILES + 2);

        CliRun.Result bad = auditor.run("audit", "export", jobId, "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("use json, csv or sha256sum");
    }

    @Test
    @Order(15)
    void auditVerifyPassesOnTheDestinationAndReportsEveryKindOfDifferenceOnATamperedCopy() throws IOException {
        CliRun.Result clean = auditor.run("audit", "verify", jobId, destination.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("0 mismatch, 0 missing, 0 extra; OK").contains("(equal)");

        Path copy = workspace.dir("cli", "tampered");
        copyTree(destination, copy);
        Path changed = copy.resolve("dir1/file-001.dat");
        byte[] bytes = Files.readAllBytes(changed);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(changed, bytes);
        Files.delete(copy.resolve("dir2/file-002.dat"));
        Files.writeString(copy.resolve("dir3/not-from-the-job.txt"), "extra\n");

        CliRun.Result tampered = auditor.run("audit", "verify", jobId, copy.toString(), "--output", "json");
        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(tampered.out());
        assertThat(report.path("clean").asBoolean()).isFalse();
        Map<String, String> differences = new TreeMap<>();
        report.path("differences")
                .forEach(d ->
                        differences.put(d.path("path").asText(), d.path("kind").asText()));
        assertThat(differences)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "dir1/file-001.dat", "MISMATCH",
                        "dir2/file-002.dat", "MISSING",
                        "dir3/not-from-the-job.txt", "EXTRA"));
    }

    @Test
    @Order(16)
    void logoutForgetsTheLogin() {
        CliRun.Result logout = operator.run("logout");
        assertThat(logout.exitCode()).as(logout.toString()).isZero();
        assertThat(operator.configDir().resolve("session.json")).doesNotExist();
        assertThat(operator.run("jobs", "list").exitCode()).isEqualTo(3);
        assertThat(auditor.run("logout").exitCode()).isZero();
    }

    @Test
    @Order(17)
    void noOutputEverHeldASecretOrAToken() throws IOException {
        secrets.add(Files.readString(operatorSecret).strip());
        secrets.add(Files.readString(auditorSecret).strip());
        assertThat(printed).hasSizeGreaterThan(20);
        for (String output : printed) {
            for (String secret : secrets) {
                assertThat(output.contains(secret))
                        .as("an output holds a client secret")
                        .isFalse();
            }
            assertThat(JWT.matcher(output).find())
                    .as("an output holds a token:%n%s", output)
                    .isFalse();
        }
    }

    private static CliRun.Result login(CliRun cli, String clientId, Path secret) {
        return cli.run(
                "login",
                "--coordinator",
                coordinator.baseUri().toString(),
                "--issuer",
                coordinator.keycloak().issuer(KeycloakServer.REALM),
                "--client-id",
                clientId,
                "--client-secret-file",
                secret.toString());
    }

    private static Path secretFile(String name, String secret) throws IOException {
        Path file = workspace.dir("cli", "secrets").resolve(name);
        Files.writeString(file, secret + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static AgentProcess linkedAgent(String id, LocalMeshFixture mesh) {
        return AgentProcess.builder(id, mesh, workspace)
                .volume("data", workspace.dir("agents", id, "volume"))
                .property("agent.coordinator.address", coordinator.controlAddress())
                .properties(
                        AgentEnrollment.enroll(coordinator, mesh.agent(id), workspace.dir("agents", id, "credentials")))
                .build();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted().collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static final String PLAN = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata:
              name: cli-it
            spec:
              defaults: { verify: full, chunkSize: 1MiB, retries: 3 }
              datasets:
                - name: cli-data
                  source: { agent: c1, volume: data, path: cli-data }
                  destinations:
                    - { agent: c2, volume: data, path: copies/cli-data }
            """;
}
