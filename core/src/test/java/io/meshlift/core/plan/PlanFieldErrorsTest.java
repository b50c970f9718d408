package io.meshlift.core.plan;

import org.junit.jupiter.api.Test;

import static io.meshlift.core.plan.PlanFixtures.assertError;
import static io.meshlift.core.plan.PlanFixtures.base;
import static io.meshlift.core.plan.PlanFixtures.baseWith;
import static io.meshlift.core.plan.PlanFixtures.onlyError;

/** One test per kind of field error, each asserting the message and where it points (see PlanFixtures.BASE). */
class PlanFieldErrorsTest {

    @Test
    void rejectsAnotherApiVersion() {
        PlanError error = onlyError(base("apiVersion: meshlift/v1", "apiVersion: meshlift/v2"));

        assertError(error, 1, 13, "apiVersion", "unsupported apiVersion 'meshlift/v2'", "apiVersion: meshlift/v1");
    }

    @Test
    void rejectsAnotherKind() {
        PlanError error = onlyError(base("kind: MigrationPlan", "kind: Deployment"));

        assertError(error, 2, 7, "kind", "unsupported kind 'Deployment'", "kind: MigrationPlan");
    }

    @Test
    void reportsAMissingRequiredFieldAtItsEnclosingMap() {
        PlanError error = onlyError(base("        volume: data\n        path: projects", "        path: projects"));

        assertError(error, 11, 9, "spec.datasets[0].source.volume", "missing required field 'volume'", "volume: data");
    }

    @Test
    void reportsARequiredFieldWithoutValue() {
        PlanError error = onlyError(base("  name: test-plan", "  name:"));

        assertError(error, 4, 8, "metadata.name", "field 'name' has no value", "name: dc1-to-dc2");
    }

    @Test
    void suggestsTheClosestNameForAnUnknownField() {
        PlanError error = onlyError(base("    verify: full", "    verfy: full"));

        assertError(
                error,
                7,
                5,
                "spec.defaults.verfy",
                "unknown field 'verfy'. Did you mean 'verify'?",
                "Fields allowed here: verify, chunkSize, bandwidthLimit, concurrency, retries, deleteExtraneous, swarm");
    }

    @Test
    void suggestsTheRightCaseForAFieldWrittenInTheWrongCase() {
        PlanError error = onlyError(base("    verify: full", "    chunksize: 4MiB"));

        assertError(error, 7, 5, "spec.defaults.chunksize", "Did you mean 'chunkSize'?");
    }

    @Test
    void rejectsAListWhereAMapIsExpected() {
        PlanError error = onlyError(base(
                "      source:\n        agent: dc1-a\n        volume: data\n        path: projects",
                "      source: [dc1-a, data, projects]"));

        assertError(error, 10, 15, "spec.datasets[0].source", "expected a map, found a list");
    }

    @Test
    void rejectsAMapWhereAStringIsExpected() {
        PlanError error = onlyError(base("agent: dc2-b", "agent: { id: dc2-b }"));

        assertError(error, 15, 18, "spec.datasets[0].destinations[0].agent", "expected a string, found a map");
    }

    @Test
    void rejectsAQuotedNumber() {
        PlanError error = onlyError(base("    verify: full", "    concurrency: \"8\""));

        assertError(
                error,
                7,
                18,
                "spec.defaults.concurrency",
                "expected a whole number between 1 and 256",
                "found the quoted string '8'; remove the quotes");
    }

    @Test
    void rejectsANumberOutOfRange() {
        PlanError error = onlyError(base("    verify: full", "    retries: 1000"));

        assertError(error, 7, 14, "spec.defaults.retries", "must be between 0 and 100, got 1000");
    }

    @Test
    void rejectsYesAsABoolean() {
        PlanError error = onlyError(base("    verify: full", "    swarm: yes"));

        assertError(error, 7, 12, "spec.defaults.swarm", "expected true or false, found the value 'yes'");
    }

    @Test
    void rejectsAnInvalidAgentId() {
        PlanError error = onlyError(base("agent: dc2-b", "agent: DC2_b"));

        assertError(
                error,
                15,
                18,
                "spec.datasets[0].destinations[0].agent",
                "invalid agent id 'DC2_b'",
                "lowercase letters");
    }

    @Test
    void rejectsAnInvalidVolumeName() {
        PlanError error = onlyError(base("          volume: data", "          volume: \"my volume\""));

        assertError(
                error,
                16,
                19,
                "spec.datasets[0].destinations[0].volume",
                "invalid volume name 'my volume'",
                "[A-Za-z0-9._-]");
    }

    @Test
    void rejectsAPathThatLeavesTheVolumeAndShowsWhy() {
        PlanError error = onlyError(base("        path: projects", "        path: projects/../../etc"));

        assertError(
                error,
                13,
                15,
                "spec.datasets[0].source.path",
                "path 'projects/../../etc' rejected: segment 1 is '..'; parent references are refused");
    }

    @Test
    void rejectsAnAbsolutePath() {
        PlanError error = onlyError(base("          path: projects", "          path: /etc/shadow"));

        assertError(
                error,
                17,
                17,
                "spec.datasets[0].destinations[0].path",
                "path '/etc/shadow' rejected: absolute path",
                "remove the leading '/'");
    }

    @Test
    void rejectsABackslashInAPath() {
        PlanError error = onlyError(base("        path: projects", "        path: 'projects\\2024'"));

        assertError(
                error,
                13,
                15,
                "spec.datasets[0].source.path",
                "path 'projects\\\\2024' rejected: contains a" + " backslash at index 8");
    }

    @Test
    void rejectsAControlCharacterInAPathAndEscapesIt() {
        PlanError error = onlyError(base("        path: projects", "        path: \"pro\\tjects\""));

        assertError(
                error,
                13,
                15,
                "spec.datasets[0].source.path",
                "path 'pro\\u0009jects' rejected: contains the ASCII control character U+0009 at index 3");
    }

    @Test
    void rejectsADatasetNameThatIsNotADnsLabel() {
        PlanError error = onlyError(base("    - name: projects", "    - name: Projects_2024"));

        assertError(error, 9, 13, "spec.datasets[0].name", "invalid dataset name 'Projects_2024'", "DNS label");
    }

    @Test
    void rejectsAPlanNameThatIsNotADnsLabel() {
        PlanError error = onlyError(base("  name: test-plan", "  name: -test"));

        assertError(error, 4, 9, "metadata.name", "invalid plan name '-test'");
    }

    @Test
    void rejectsAnInvalidLabel() {
        PlanError error = onlyError(base("  name: test-plan", "  name: test-plan\n  labels: { team: \"a b\" }"));

        assertError(error, 5, 19, "metadata.labels.team", "invalid label value 'a b'");
    }

    @Test
    void rejectsAnUnknownSizeUnit() {
        PlanError error = onlyError(base("    verify: full", "    chunkSize: 4 parsecs"));

        assertError(error, 7, 16, "spec.defaults.chunkSize", "'4 parsecs' is not a size", "MiB");
    }

    @Test
    void rejectsARateWhereASizeIsExpected() {
        PlanError error = onlyError(base("    verify: full", "    chunkSize: 4MiB/s"));

        assertError(error, 7, 16, "spec.defaults.chunkSize", "chunk size '4MiB/s' is a rate");
    }

    @Test
    void rejectsAChunkSizeOutOfBounds() {
        PlanError error = onlyError(base("    verify: full", "    chunkSize: 32KiB"));

        assertError(
                error,
                7,
                16,
                "spec.defaults.chunkSize",
                "chunk size '32KiB' (32768 bytes) is out of range",
                "between 64KiB and 64MiB");
    }

    @Test
    void rejectsAZeroBandwidthLimit() {
        PlanError error = onlyError(base("    verify: full", "    bandwidthLimit: 0MiB/s"));

        assertError(error, 7, 21, "spec.defaults.bandwidthLimit", "would stop every transfer", "'unlimited'");
    }

    @Test
    void rejectsAnUnknownVerifyModeAndSuggestsOne() {
        PlanError error = onlyError(base("    verify: full", "    verify: chunk"));

        assertError(error, 7, 13, "spec.defaults.verify", "unknown verify mode 'chunk'. Did you mean 'chunks'?");
    }

    @Test
    void rejectsAnInvalidGlob() {
        PlanError error = onlyError(baseWith("      exclude: [\"*.tmp\", \"[a-\"]\n"));

        assertError(error, 18, 26, "spec.datasets[0].exclude[1]", "invalid glob pattern '[a-'");
    }

    @Test
    void rejectsAGlobThatCouldNeverMatch() {
        PlanError error = onlyError(baseWith("      include: [/var/log]\n"));

        assertError(
                error,
                18,
                17,
                "spec.datasets[0].include[0]",
                "starts with '/' and would never match",
                "write 'var/log'");
    }

    @Test
    void rejectsAnEmptyDatasetList() {
        PlanError error = onlyError(BASE_HEAD + "  datasets: []\n");

        assertError(error, 8, 13, "spec.datasets", "no dataset");
    }

    @Test
    void rejectsAnEmptyDestinationList() {
        PlanError error = onlyError(BASE_HEAD + """
                  datasets:
                    - name: projects
                      source: { agent: dc1-a, volume: data, path: projects }
                      destinations: []
                """);

        assertError(error, 11, 21, "spec.datasets[0].destinations", "no destination");
    }

    @Test
    void rejectsAnUnknownDay() {
        PlanError error = onlyError(windows("{ days: [mon, thurs], from: \"08:00\", to: \"18:00\", limit: 50MiB/s }"));

        assertError(error, 9, 21, "spec.bandwidthWindows[0].days[1]", "unknown day 'thurs'. Did you mean 'thu'?");
    }

    @Test
    void rejectsATimeThatIsNotHhMm() {
        PlanError error = onlyError(windows("{ from: \"8h\", to: \"18:00\", limit: 50MiB/s }"));

        assertError(error, 9, 15, "spec.bandwidthWindows[0].from", "time '8h' is not HH:MM");
    }

    @Test
    void rejectsAWindowThatEndsBeforeItStarts() {
        PlanError error = onlyError(windows("{ from: \"22:00\", to: \"06:00\", limit: 50MiB/s }"));

        assertError(
                error,
                9,
                28,
                "spec.bandwidthWindows[0].to",
                "ends at 06:00, not after it starts at 22:00",
                "split it in two");
    }

    @Test
    void rejectsAWindowWithoutLimit() {
        PlanError error = onlyError(windows("{ from: \"08:00\", to: \"18:00\" }"));

        assertError(error, 9, 7, "spec.bandwidthWindows[0].limit", "missing required field 'limit'");
    }

    @Test
    void rejectsAnUnknownTimeZone() {
        PlanError error = onlyError(windows("{ from: \"08:00\", to: \"18:00\", limit: 1MiB, timeZone: Mars/Base }"));

        assertError(error, 9, 60, "spec.bandwidthWindows[0].timeZone", "unknown time zone 'Mars/Base'");
    }

    /** Lines 1-7 of {@link PlanFixtures#BASE}: everything before {@code datasets}. */
    private static final String BASE_HEAD = PlanFixtures.BASE.substring(0, PlanFixtures.BASE.indexOf("  datasets:"));

    /** BASE with one bandwidth window at line 9, column 7. */
    private static String windows(String window) {
        return base("  datasets:", "  bandwidthWindows:\n    - " + window + "\n  datasets:");
    }
}
