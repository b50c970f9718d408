package io.meshlift.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

import static io.meshlift.core.plan.PlanFixtures.parse;
import static io.meshlift.core.plan.PlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanParserTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void parsesEveryFieldOfAValidPlan() {
        MigrationPlan plan = parse(resource("valid-full.yaml")).orElseThrow();

        assertThat(plan.metadata().name()).isEqualTo("dc1-to-dc2");
        assertThat(plan.metadata().labels())
                .containsExactly(Map.entry("app.kubernetes.io/part-of", "meshlift"), Map.entry("team", "billing"));
        assertThat(plan.defaults())
                .isEqualTo(new TransferSettings(
                        VerifyMode.FULL, 4 * MIB, BandwidthLimit.of(200L * MIB), 4, 3, false, true));
        assertThat(plan.bandwidthWindows())
                .containsExactly(
                        new BandwidthWindow(
                                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                LocalTime.of(8, 0),
                                LocalTime.of(18, 0),
                                BandwidthLimit.of(50L * MIB),
                                ZoneOffset.UTC),
                        new BandwidthWindow(
                                EnumSet.allOf(DayOfWeek.class),
                                LocalTime.of(22, 0),
                                LocalTime.MAX,
                                BandwidthLimit.of(1024L * MIB),
                                ZoneId.of("Europe/Paris")));
        DatasetSpec billing = plan.dataset("billing-backups").orElseThrow();
        assertThat(billing.source()).isEqualTo(endpoint("dc1-db-01", "data", "backups/billing"));
        assertThat(billing.destinations())
                .containsExactly(
                        endpoint("dc2-db-01", "data", "backups/billing"),
                        endpoint("dc2-db-02", "data", "backups/billing"));
        assertThat(billing.include()).containsExactly("**/*.dump");
        assertThat(billing.exclude()).containsExactly("*.tmp");
        assertThat(plan.agents())
                .extracting(AgentId::value)
                .containsExactly("dc1-db-01", "dc1-nfs-01", "dc2-db-01", "dc2-db-02", "dc2-nfs-01");
    }

    @Test
    void mergesDatasetOverridesOverPlanDefaults() {
        MigrationPlan plan = parse(resource("valid-full.yaml")).orElseThrow();

        DatasetSpec billing = plan.dataset("billing-backups").orElseThrow();
        assertThat(billing.overrides().verify()).contains(VerifyMode.CHUNKS);
        assertThat(billing.settings())
                .isEqualTo(new TransferSettings(
                        VerifyMode.CHUNKS, 4 * MIB, BandwidthLimit.of(200L * MIB), 4, 3, false, true));

        DatasetSpec home = plan.dataset("home").orElseThrow();
        assertThat(home.settings())
                .isEqualTo(
                        new TransferSettings(VerifyMode.FULL, 16 * MIB, BandwidthLimit.UNLIMITED, 16, 0, true, false));
        assertThat(home.settings().chunkLayout().chunkSize()).isEqualTo(16 * MIB);
    }

    @Test
    void appliesBuiltInDefaultsWhenThePlanNamesNone() {
        MigrationPlan plan =
                parse(PlanFixtures.base("  defaults:\n    verify: full\n", "")).orElseThrow();

        assertThat(plan.defaults()).isEqualTo(TransferSettings.BUILT_IN);
        assertThat(plan.datasets().get(0).settings()).isEqualTo(TransferSettings.BUILT_IN);
        assertThat(TransferSettings.BUILT_IN)
                .isEqualTo(new TransferSettings(VerifyMode.FULL, 4 * MIB, BandwidthLimit.UNLIMITED, 4, 3, false, true));
    }

    @Test
    void readsTheEmptyPathAsTheWholeVolume() {
        MigrationPlan plan = parse(resource("valid-full.yaml")).orElseThrow();

        assertThat(plan.dataset("home").orElseThrow().source().path()).isEqualTo(RelativePath.ROOT);
        // A plain "2024" is a number in YAML, but a path is text whatever it looks like.
        assertThat(plan.dataset("home")
                        .orElseThrow()
                        .destinations()
                        .get(0)
                        .path()
                        .toString())
                .isEqualTo("2024/home");
    }

    @Test
    void readsTheSamePlanWrittenAsJson() {
        PlanParseResult result = PlanParser.parse(resource("valid-full.json"), "plan.json");

        assertThat(result.errors()).isEmpty();
        DatasetSpec billing = result.orElseThrow().datasets().get(0);
        assertThat(billing.destinations()).hasSize(2);
        assertThat(billing.settings().verify()).isEqualTo(VerifyMode.CHUNKS);
        assertThat(billing.settings().swarm()).isFalse();
        assertThat(billing.settings().bandwidthLimit()).isEqualTo(BandwidthLimit.of(200L * MIB));
    }

    @Test
    void reportsJsonErrorsWithTheirLineAndColumn() {
        PlanParseResult result = PlanParser.parse(resource("invalid-json.json"), "plan.json");

        assertThat(result.formattedErrors().lines())
                .containsExactly(
                        "plan.json:9:69: spec.datasets[0].source.path: path '../etc' rejected: segment 0 is '..';"
                                + " parent references are refused so that a path can never leave its volume",
                        "plan.json:10:88: spec.datasets[0].destinations[0].mode: unknown field 'mode'. Fields"
                                + " allowed here: agent, volume, path",
                        "plan.json:11:24: spec.datasets[0].concurrency: expected a whole number between 1 and 256,"
                                + " found the quoted string '4'; remove the quotes");
    }

    @Test
    void throwsEveryErrorAtOnceWhenAValidPlanIsRequired() {
        PlanParseResult result = PlanParser.parse(resource("several-errors.yaml"), "several-errors.yaml");

        assertThatThrownBy(result::orElseThrow)
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
                    assertThat(e.errors()).isEqualTo(result.errors());
                    assertThat(e.sourceName()).isEqualTo("several-errors.yaml");
                })
                .hasMessageStartingWith("invalid plan 'several-errors.yaml' (11 errors):\nseveral-errors.yaml:1:13:");
    }

    @Test
    void readsAPlanFileAndNamesErrorsAfterIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(
                file, PlanFixtures.base("path: projects\n      destinations", "path: ../x\n      destinations"));

        PlanParseResult result = PlanParser.parse(file, PlanValidator.offline());

        assertThat(result.formattedErrors()).startsWith(file + ":13:15: spec.datasets[0].source.path: path '../x'");
    }

    @Test
    void refusesAPlanFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9});

        PlanParseResult result = PlanParser.parse(file, PlanValidator.offline());

        assertThat(result.formattedErrors())
                .isEqualTo(file + ":1:1: the file is not UTF-8 text; save the plan as UTF-8");
    }

    @Test
    void refusesAHugePlanFileWithoutReadingItAll(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (var out = Files.newOutputStream(file)) {
            byte[] comments = "# padding\n".repeat(1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 1024; i++) { // 10 MiB
                out.write(comments);
            }
        }

        PlanParseResult result = PlanParser.parse(file, PlanValidator.offline());

        assertThat(result.formattedErrors())
                .startsWith(file + ":1:1: the plan is 10485760 bytes; plans over 1048576 bytes (1 MiB) are refused.");
    }

    @Test
    void parsesTheShippedExamples() throws IOException {
        Path examples = Path.of("..", "examples");
        List<Path> files;
        try (var listing = Files.list(examples)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }

        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .contains("quickstart-plan.yaml", "dc-migration-plan.yaml");
        for (Path file : files) {
            PlanParseResult result = PlanParser.parse(file, PlanValidator.offline());
            assertThat(result.errors()).as(result.formattedErrors()).isEmpty();
        }
        MigrationPlan quickstart = PlanParser.parse(examples.resolve("quickstart-plan.yaml"), PlanValidator.offline())
                .orElseThrow();
        assertThat(quickstart.datasets()).hasSize(2);
        assertThat(quickstart.datasets().get(0).source()).isEqualTo(endpoint("qs-a", "data", "projects"));
        assertThat(quickstart.datasets().get(0).destinations())
                .containsExactly(endpoint("qs-b", "data", "projects"), endpoint("qs-c", "data", "projects"));
        assertThat(quickstart.datasets().get(1).source()).isEqualTo(endpoint("qs-a", "data", "media"));
        assertThat(quickstart.datasets().get(1).destinations()).containsExactly(endpoint("qs-b", "data", "media"));
        MigrationPlan dc = PlanParser.parse(examples.resolve("dc-migration-plan.yaml"), PlanValidator.offline())
                .orElseThrow();
        assertThat(dc.datasets()).hasSize(2);
        assertThat(dc.datasets()).extracting(d -> d.destinations().size()).containsExactlyInAnyOrder(1, 2);
    }

    static Endpoint endpoint(String agent, String volume, String path) {
        return new Endpoint(AgentId.of(agent), volume, RelativePath.parseOrRoot(path));
    }
}
