package io.meshlift.cli.plan;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.cli.CommandRun;
import io.meshlift.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

class PlanValidateCommandTest {

    private static final String VALID = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata: { name: dc1-to-dc2 }
            spec:
              datasets:
                - name: billing
                  source: { agent: dc1-db-01, volume: data, path: backups/billing }
                  destinations:
                    - { agent: dc2-db-01, volume: data, path: backups/billing }
                    - { agent: dc2-db-02, volume: data, path: backups/billing }
            """;

    @TempDir
    Path dir;

    @Test
    void aValidPlanExitsZeroAndSaysWhatItMoves() throws Exception {
        Path plan = write("plan.yaml", VALID);

        CommandRun run = CommandRun.of("plan", "validate", plan.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("valid plan 'dc1-to-dc2': 1 dataset(s), 2 transfer(s)");
    }

    @Test
    void everyErrorIsPrintedWithFileLineAndColumnAndTheExitCodeIsOne() throws Exception {
        Path plan = write(
                "plan.yaml",
                VALID.replace(
                                "volume: data, path: backups/billing }\n      destinations",
                                "volume: data, path: /etc }\n      destinations")
                        .replace("name: billing", "name: Billing"));

        CommandRun run = CommandRun.of("plan", "validate", plan.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err())
                .contains(plan + ":6:13: spec.datasets[0].name: ")
                .contains(plan + ":7:")
                .contains("spec.datasets[0].source.path")
                .contains(plan + ": 2 errors");
    }

    @Test
    void jsonOutputListsTheErrorsForTools() throws Exception {
        Path plan = write("plan.yaml", VALID.replace("kind: MigrationPlan", "kind: Plan"));

        CommandRun run = CommandRun.of("plan", "validate", plan.toString(), "--output", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("errors").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(report.path("errors").get(0).path("path").asText()).isEqualTo("kind");
    }

    @Test
    void aMissingFileIsAUsageError() {
        CommandRun run =
                CommandRun.of("plan", "validate", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no such plan file");
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
