package io.meshlift.core.plan;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanErrorsTest {

    @Test
    void reportsEveryErrorOfAPlanAtOnceInSourceOrder() {
        PlanParseResult result = PlanParser.parse(PlanFixtures.resource("several-errors.yaml"), "plan.yaml");

        assertThat(result.formattedErrors().lines())
                .containsExactly(
                        "plan.yaml:1:13: apiVersion: unsupported apiVersion 'meshlift/v2'; this version of Meshlift"
                                + " reads apiVersion: meshlift/v1",
                        "plan.yaml:4:9: metadata.name: invalid plan name 'Bad_Name': use 1 to 63 lowercase letters,"
                                + " digits and '-', starting and ending with a letter or digit (a DNS label)",
                        "plan.yaml:7:5: spec.defaults.chunksize: unknown field 'chunksize'. Did you mean"
                                + " 'chunkSize'? Fields allowed here: verify, chunkSize, bandwidthLimit, concurrency,"
                                + " retries, deleteExtraneous, swarm",
                        "plan.yaml:8:13: spec.defaults.verify: unknown verify mode 'ful'. Did you mean 'full'? Use"
                                + " 'full' (re-read each file and compare its SHA-256) or 'chunks' (trust the"
                                + " verified chunks)",
                        "plan.yaml:11:55: spec.datasets[0].source.path: path '../billing' rejected: segment 0 is"
                                + " '..'; parent references are refused so that a path can never leave its volume",
                        "plan.yaml:13:20: spec.datasets[0].destinations[0].agent: invalid agent id 'DC2': use 1 to"
                                + " 63 lowercase letters, digits, '.' or '-', starting and ending with a letter or"
                                + " digit ([a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?)",
                        "plan.yaml:14:39: spec.datasets[0].destinations[1].volume: invalid volume name 'my volume':"
                                + " use 1 to 64 characters from [A-Za-z0-9._-], starting with a letter or digit",
                        "plan.yaml:14:58: spec.datasets[0].destinations[1].path: path '/etc/shadow' rejected:"
                                + " absolute path; paths are relative to the volume or dataset root, remove the"
                                + " leading '/'",
                        "plan.yaml:15:18: spec.datasets[0].chunkSize: chunk size '128MiB' (134217728 bytes) is out"
                                + " of range; use between 64KiB and 64MiB, e.g. 4MiB",
                        "plan.yaml:16:13: spec.datasets[1].name: dataset name 'billing' is already used by"
                                + " spec.datasets[0] (line 10); dataset names must be unique within a plan",
                        "plan.yaml:18:21: spec.datasets[1].destinations: no destination; a dataset is copied to at"
                                + " least one agent, e.g. [{ agent: dc2-db-01, volume: data, path: backups/billing"
                                + " }]");
    }

    @Test
    void formatsAnErrorLikeACompilerDoes() {
        PlanError error = new PlanError(12, 7, "spec.datasets[0].source.path", "path '../x' rejected: ...");

        assertThat(PlanErrors.format("file.yaml", error))
                .isEqualTo("file.yaml:12:7: spec.datasets[0].source.path: path '../x' rejected: ...");
    }

    @Test
    void leavesOutWhatIsUnknown() {
        assertThat(new PlanError(0, 0, "spec", "m").format("db")).isEqualTo("db: spec: m");
        assertThat(new PlanError(3, 1, "", "m").format("f")).isEqualTo("f:3:1: m");
    }

    @Test
    void keepsEachErrorOnOneLine() {
        PlanError error = new PlanError(1, 1, "a\nb", "bad\r\nplan.yaml:1:1: forged\u202E");

        assertThat(PlanErrors.format("x\ny", List.of(error, error)).lines()).hasSize(2);
        assertThat(error.format("f")).isEqualTo("f:1:1: a\\u000Ab: bad\\u000D\\u000Aplan.yaml:1:1: forged\\u202E");
    }

    @Test
    void ordersBySourcePositionWithUnpositionedErrorsLast() {
        List<PlanError> errors = new ArrayList<>(List.of(
                new PlanError(0, 0, "", "no position"),
                new PlanError(10, 2, "", "b"),
                new PlanError(2, 30, "", "a2"),
                new PlanError(2, 3, "", "a1")));

        errors.sort(PlanError.SOURCE_ORDER);

        assertThat(errors).extracting(PlanError::message).containsExactly("a1", "a2", "b", "no position");
    }

    @Test
    void refusesHalfAPosition() {
        assertThatThrownBy(() -> new PlanError(3, 0, "", "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlanError(-1, -1, "", "m")).isInstanceOf(IllegalArgumentException.class);
    }
}
