package io.meshlift.core.plan;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static io.meshlift.core.plan.PlanFixtures.assertError;
import static io.meshlift.core.plan.PlanFixtures.base;
import static io.meshlift.core.plan.PlanFixtures.onlyError;
import static io.meshlift.core.plan.PlanFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Input crafted to exhaust memory or CPU, or to reach outside a volume, is refused quickly and clearly. */
class HostilePlanInputTest {

    // Each case takes well under a second alone, but CI shares two cores with other builds; an expanding or
    // quadratic reader takes minutes or runs out of heap, so this bound still tells the two apart.
    private static final Duration QUICKLY = Duration.ofSeconds(15);

    @Test
    void refusesBillionLaughsWithoutExpandingIt() {
        String yaml = PlanFixtures.resource("billion-laughs.yaml");

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml));

        assertThat(result.formattedErrors().lines())
                .contains(
                        "plan.yaml:1:4: a: anchors (&a) are not supported in plans; write the value out where it is"
                                + " used",
                        "plan.yaml:2:8: b[0]: aliases (*a) are not supported in plans; write the value out where it is"
                                + " used");
        assertThat(result.errors()).hasSizeLessThanOrEqualTo(PlanParser.MAX_ERRORS + 1);
    }

    @Test
    void stopsReadingAtTheFirstCollectionNestedTooDeep() {
        int depth = 200_000;
        String yaml = "spec: " + "[".repeat(depth) + "]".repeat(depth) + "\n";

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml));

        // The root map is level 1, so the 31st bracket is level 32 and the 32nd one, at column 38, is refused.
        assertThat(result.formattedErrors())
                .isEqualTo("plan.yaml:1:38: spec" + "[0]".repeat(31) + ": nested more than 32 levels deep; a plan"
                        + " needs far fewer, so the document is not read further");
    }

    @Test
    void stopsReadingBlockNestingWrittenOnOneLine() {
        // "- - - - x" nests block sequences on a single line; the scanner's cost grows with the square of the depth.
        String yaml = "- ".repeat(500_000) + "x\n";

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml));

        assertThat(result.formattedErrors())
                .startsWith("plan.yaml:1:65: " + "[0]".repeat(32) + ": nested more than 32");
    }

    @Test
    void stopsReadingIndentedNestingDeeperThanAPlanCanBe() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            yaml.append("  ".repeat(i)).append("k:\n");
        }

        PlanParseResult result = parse(yaml.toString());

        assertThat(result.formattedErrors())
                .isEqualTo("plan.yaml:33:65: " + "k.".repeat(31) + "k: nested more than 32 levels deep; a plan needs"
                        + " far fewer, so the document is not read further");
    }

    @Test
    void refusesADocumentOverOneMebibyteBeforeParsingIt() {
        String yaml = PlanFixtures.BASE + "# padding\n".repeat(2 * 1024 * 1024 / 10);

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml));

        assertThat(result.formattedErrors())
                .isEqualTo("plan.yaml:1:1: the plan is " + yaml.length() + " bytes; plans over 1048576 bytes (1 MiB)"
                        + " are refused. A plan lists datasets, not files: split it or use include/exclude patterns");
    }

    @Test
    void acceptsADocumentJustUnderTheLimit() {
        String padding = "#".repeat(99) + "\n";
        String yaml = PlanFixtures.BASE
                + padding.repeat((PlanParser.MAX_DOCUMENT_BYTES - PlanFixtures.BASE.length()) / padding.length());

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void refusesANulInAPath() {
        PlanError error = onlyError(base("        path: projects", "        path: \"projects\\0/x\""));

        assertError(
                error,
                13,
                15,
                "spec.datasets[0].source.path",
                "path 'projects\\u0000/x' rejected: contains a NUL character at index 8");
    }

    @Test
    void refusesARawNulByteInTheDocumentAndSaysWhere() {
        PlanError error = onlyError(base("        path: projects", "        path: pro\0jects"));

        assertError(error, 13, 18, "", "the plan contains the character U+0000");
    }

    @Test
    void refusesToWriteEtcShadow() {
        PlanParseResult result = parse(base(
                "agent: dc2-b\n          volume: data\n          path: projects",
                "agent: dc2-b\n          volume: root\n          path: ../../../etc/shadow"));

        assertThat(result.formattedErrors())
                .isEqualTo("plan.yaml:17:17: spec.datasets[0].destinations[0].path: path '../../../etc/shadow'"
                        + " rejected: segment 0 is '..'; parent references are refused so that a path can never"
                        + " leave its volume");
    }

    @Test
    void refusesAControlCharacterThatWouldForgeALogLine() {
        PlanParseResult result = parse(base("    verify: full", "    \"verify\\nplan.yaml:1:1: all good\": full"));

        assertThat(result.formattedErrors()).doesNotContain("\n").contains("verify\\u000Aplan.yaml:1:1: all good");
    }

    @Test
    void capsTheNumberOfErrorsListed() {
        StringBuilder yaml = new StringBuilder(PlanFixtures.BASE);
        for (int i = 0; i < 1000; i++) {
            yaml.append("    - { name: d")
                    .append(i)
                    .append(", source: { agent: X, volume: v, path: p },")
                    .append(" destinations: [{ agent: Y, volume: v, path: p }] }\n");
        }

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml.toString()));

        assertThat(result.errors()).hasSize(PlanParser.MAX_ERRORS + 1);
        assertThat(result.errors().get(PlanParser.MAX_ERRORS).format("plan.yaml"))
                .isEqualTo("plan.yaml: 1800 more errors were not listed; fix the ones above and validate again");
    }

    @Test
    void checksThousandsOfOverlappingEndpointsQuickly() {
        StringBuilder yaml = new StringBuilder(PlanFixtures.BASE);
        for (int i = 0; i < 5000; i++) {
            yaml.append("    - { name: d")
                    .append(i)
                    .append(", source: { agent: dc1-a, volume: v, path: a },")
                    .append(" destinations: [{ agent: dc2-a, volume: v, path: a/b")
                    .append(i)
                    .append(" }] }\n");
        }

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml.toString()));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void checksDeepPathsInTimeAndMemoryLinearInThePlan() {
        // 120 datasets x 2 paths of 2,000 names each: quadratic prefix keys would take gigabytes.
        String deep = "/x".repeat(1999);
        StringBuilder yaml = new StringBuilder(PlanFixtures.BASE);
        for (int i = 0; i < 120; i++) {
            yaml.append("    - { name: d")
                    .append(i)
                    .append(", source: { agent: dc1-a, volume: v, path: s")
                    .append(i)
                    .append(deep)
                    .append(" }, destinations: [{ agent: dc1-a, volume: v, path: d")
                    .append(i)
                    .append(deep)
                    .append(" }] }\n");
        }
        yaml.append("    - { name: last, source: { agent: dc1-a, volume: v, path: y }, destinations: [{ agent: dc1-a,"
                        + " volume: v, path: d7")
                .append(deep, 0, 1000)
                .append(" }] }\n");

        PlanParseResult result = assertTimeoutPreemptively(QUICKLY, () -> parse(yaml.toString()));

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).path()).isEqualTo("spec.datasets[121].destinations[0]");
        assertThat(result.errors().get(0).message())
                .startsWith("destination dc1-a:v:d7/x/x")
                .contains("...(1010 chars) contains the destination dc1-a:v:d7/x/x")
                .endsWith("of dataset 'd7' (spec.datasets[8].destinations[0], line 25); datasets of a plan run at the"
                        + " same time, so one would write into a tree the other reads or writes; use separate paths");
    }
}
