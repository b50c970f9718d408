package io.meshlift.it.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart as a user runs it: the launcher behind {@code bin/quickstart} (already built by the reactor)
 * starts a real Keycloak, the coordinator and three agents in a work directory of this test, on a free port
 * block, copies the sample plan and audits it; then {@code bin/quickstart --stop} must stop exactly what it
 * started. The launcher's output is kept in {@code logs/} of the workspace.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class QuickstartIT {

    private static final int PORT_SPAN = 30;

    private static Workspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = Workspace.forClass(QuickstartIT.class);
    }

    @AfterAll
    static void cleanUp() {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void runsThePlanAuditsEveryFileLeavesEverythingRunningAndStopStopsIt() throws Exception {
        Path work = workspace.root().resolve("quickstart");
        int base = freePortBlock();

        Run run = launch("full-run", work, base);

        List<Long> pids = recordedPids(work);
        try {
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output())
                    .as(run.output())
                    .contains("Quickstart complete", "every file verified", "the ledger verifies")
                    .contains("Everything keeps running. Stop it with:  bin/quickstart --stop")
                    .contains("Dashboard        http://127.0.0.1:" + (base + 1) + "/dashboard/");
            for (String destination : List.of("qs-b:data:projects", "qs-c:data:projects", "qs-b:data:media")) {
                assertThat(run.output())
                        .as("audit and independent check of %s in:%n%s", destination, run.output())
                        .containsPattern(Pattern.quote(destination)
                                + " +(\\d+)/\\1 files verified, 0 mismatches, 0 missing, 0 unrecorded,"
                                + " dataset digest matches the source")
                        .containsPattern(Pattern.quote(destination) + " +identical: \\d+ files, \\d+ symlinks");
            }
            assertThat(run.output())
                    .containsPattern("job's \\d+ records verified; whole chain of \\d+ records verified");
            Matcher login = Pattern.compile("user quickstart   password (\\S+)").matcher(run.output());
            assertThat(login.find()).as(run.output()).isTrue();
            assertThat(Files.readString(work.resolve("secrets/dashboard-login")))
                    .contains("password=" + login.group(1));
            assertThat(Files.getPosixFilePermissions(work.resolve("secrets/dashboard-login")))
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

            // Keycloak (kc.sh execs its JVM: one PID, or two where it does not), the coordinator and three
            // agents outlive the launcher.
            assertThat(pids).hasSizeGreaterThanOrEqualTo(5);
            assertThat(pids).allMatch(QuickstartIT::alive, "every recorded process still runs");
        } finally {
            Run stop = stop(work);
            assertThat(stop.exit()).as(stop.output()).isZero();
        }
        assertThat(pids).noneMatch(QuickstartIT::alive);
        assertThat(recordedPids(work)).isEmpty();
    }

    @Test
    void refusesATakenPortNamingItBeforeStartingAnything() throws Exception {
        Path work = workspace.root().resolve("taken-port");
        int base = freePortBlock();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 1));

            Run run = launch("taken-port", work, base);

            assertThat(run.exit()).as(run.output()).isEqualTo(1);
            assertThat(run.output())
                    .contains("quickstart FAILED: port " + (base + 1)
                            + " on 127.0.0.1 (coordinator REST API) is already in use")
                    .contains("--base-port");
            assertThat(recordedPids(work)).isEmpty();
        }
    }

    private record Run(int exit, String output) {}

    private static Run launch(String name, Path work, int base) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("meshlift.quickstart.launcher"));
        Path root = Path.of(System.getProperty("meshlift.source.root"));
        Path output = workspace.logs().resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--root",
                        root.toString(),
                        "--work",
                        work.toString(),
                        "--base-port",
                        Integer.toString(base))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        return run(builder, output, 20);
    }

    private static Run stop(Path work) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("meshlift.source.root"));
        Path output = workspace.logs().resolve("stop.out");
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", root.resolve("bin/quickstart").toString(), "--stop")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("MESHLIFT_QUICKSTART_DIR", work.toString()));
        return run(builder, output, 2);
    }

    private static Run run(ProcessBuilder builder, Path output, int minutes) throws IOException, InterruptedException {
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            return new Run(-1, "(still running after " + minutes + " min, killed)\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static List<Long> recordedPids(Path work) throws IOException {
        List<Long> pids = new ArrayList<>();
        Path dir = work.resolve("pids");
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
            }
        }
        return pids;
    }

    /**
     * Running, not merely unreaped: a process that exited stays a zombie until whoever adopted it (the launcher
     * that started it has exited) reaps it, and {@link ProcessHandle#isAlive} counts zombies as alive.
     */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state letter follows the parenthesised command name, which may itself hold spaces.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone between the two looks
        }
    }

    /** A base port whose whole block (base to base + 30) is free on loopback right now. */
    private static int freePortBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (blockFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + PORT_SPAN + " loopback ports found");
    }

    private static boolean blockFree(int base) {
        for (int port = base; port <= base + PORT_SPAN; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
