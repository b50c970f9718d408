package io.meshlift.core.plan;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.meshlift.core.pki.AgentId;

import static io.meshlift.core.plan.PlanFixtures.assertError;
import static io.meshlift.core.plan.PlanFixtures.base;
import static io.meshlift.core.plan.PlanFixtures.baseWith;
import static io.meshlift.core.plan.PlanFixtures.onlyError;
import static io.meshlift.core.plan.PlanFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks across fields: names, endpoints that would write into each other, unknown agents. */
class PlanValidatorTest {

    /** A second dataset appended to BASE: its name is on line 18, its source on 19, its destination on 21. */
    private static String secondDataset(String name, String source, String destination) {
        return baseWith("    - name: " + name + "\n"
                + "      source: " + source + "\n"
                + "      destinations:\n"
                + "        - " + destination + "\n");
    }

    @Test
    void rejectsADuplicateDatasetName() {
        PlanError error = onlyError(secondDataset(
                "projects",
                "{ agent: dc1-a, volume: data, path: other }",
                "{ agent: dc2-b, volume: data, path: other }"));

        assertError(
                error,
                18,
                13,
                "spec.datasets[1].name",
                "dataset name 'projects' is already used by"
                        + " spec.datasets[0] (line 9); dataset names must be unique");
    }

    @Test
    void rejectsADestinationEqualToItsSource() {
        PlanError error = onlyError(base("agent: dc2-b", "agent: dc1-a"));

        assertError(
                error,
                15,
                11,
                "spec.datasets[0].destinations[0]",
                "destination dc1-a:data:projects is the dataset's own source; a dataset cannot be copied onto itself");
    }

    @Test
    void rejectsADestinationInsideItsSource() {
        PlanError error = onlyError(base("agent: dc2-b", "agent: dc1-a")
                .replace("          path: projects", "          path: projects/copy"));

        assertError(
                error,
                15,
                11,
                "spec.datasets[0].destinations[0]",
                "destination dc1-a:data:projects/copy lies"
                        + " inside the dataset's own source dc1-a:data:projects, so every pass would copy the copy into"
                        + " itself");
    }

    @Test
    void rejectsADestinationContainingItsSource() {
        PlanError error = onlyError(
                base("agent: dc2-b", "agent: dc1-a").replace("          path: projects", "          path: \"\""));

        assertError(
                error,
                15,
                11,
                "spec.datasets[0].destinations[0]",
                "destination dc1-a:data:/ contains the"
                        + " dataset's own source dc1-a:data:projects, so writing it would overwrite the source");
    }

    @Test
    void acceptsTheSamePathOnAnotherVolumeOfTheSameAgent() {
        PlanParseResult result = parse(
                base("agent: dc2-b", "agent: dc1-a").replace("          volume: data", "          volume: archive"));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void acceptsSiblingsWhoseNamesShareAPrefix() {
        PlanParseResult result = parse(base("agent: dc2-b", "agent: dc1-a")
                .replace("          path: projects", "          path: projects-copy"));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void reportsTheDestinationEvenWhenTheSourceComesLater() {
        PlanError error = onlyError("""
                apiVersion: meshlift/v1
                kind: MigrationPlan
                metadata: { name: p }
                spec:
                  datasets:
                    - name: d
                      destinations: [{ agent: a, volume: v, path: x }]
                      source: { agent: a, volume: v, path: x }
                """);

        assertError(error, 7, 22, "spec.datasets[0].destinations[0]", "is the dataset's own source");
    }

    @Test
    void rejectsTwoIdenticalDestinations() {
        PlanError error = onlyError(baseWith("        - { agent: dc2-b, volume: data, path: projects }\n"));

        assertError(
                error,
                18,
                11,
                "spec.datasets[0].destinations[1]",
                "destination dc2-b:data:projects is listed"
                        + " twice (also at spec.datasets[0].destinations[0], line 15); remove one");
    }

    @Test
    void rejectsNestedDestinationsOfOneDataset() {
        PlanError error = onlyError(baseWith("        - { agent: dc2-b, volume: data, path: projects/sub }\n"));

        assertError(
                error,
                18,
                11,
                "spec.datasets[0].destinations[1]",
                "destination dc2-b:data:projects/sub lies"
                        + " inside destination dc2-b:data:projects of the same dataset");
    }

    @Test
    void rejectsDatasetsThatWriteIntoTheSameTree() {
        PlanError error = onlyError(secondDataset(
                "logs", "{ agent: dc1-a, volume: data, path: logs }", "{ agent: dc2-b, volume: data, path: \"\" }"));

        assertError(
                error,
                21,
                11,
                "spec.datasets[1].destinations[0]",
                "destination dc2-b:data:/ contains the"
                        + " destination dc2-b:data:projects of dataset 'projects' (spec.datasets[0].destinations[0], line"
                        + " 15); datasets of a plan run at the same time");
    }

    @Test
    void rejectsADatasetThatReadsWhatAnotherWrites() {
        PlanError error = onlyError(secondDataset(
                "relay",
                "{ agent: dc2-b, volume: data, path: projects }",
                "{ agent: dc3-a, volume: data, path: projects }"));

        assertError(
                error,
                19,
                15,
                "spec.datasets[1].source",
                "source dc2-b:data:projects is the same as the"
                        + " destination dc2-b:data:projects of dataset 'projects'");
    }

    @Test
    void acceptsDatasetsThatReadTheSameSource() {
        PlanParseResult result = parse(secondDataset(
                "projects-again",
                "{ agent: dc1-a, volume: data, path: projects }",
                "{ agent: dc3-a, volume: data, path: projects }"));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void reportsUnknownAgentsOnlyWhenTheCallerKnowsTheAgents() {
        String yaml = base("agent: dc2-b", "agent: dc2-bb");
        PlanValidator coordinator = PlanValidator.withKnownAgents(Set.of(AgentId.of("dc1-a"), AgentId.of("dc2-b")));

        assertThat(PlanParser.parse(yaml, "plan.yaml").errors()).isEmpty();
        PlanParseResult result = PlanParser.parse(yaml, "plan.yaml", coordinator);

        assertThat(result.errors()).hasSize(1);
        assertError(
                result.errors().get(0),
                15,
                18,
                "spec.datasets[0].destinations[0].agent",
                "unknown agent 'dc2-bb': no agent with this id is registered. Did you mean 'dc2-b'? Known agents:"
                        + " dc1-a, dc2-b.");
    }

    @Test
    void reportsEveryAgentAsUnknownWhenNoneIsRegistered() {
        PlanParseResult result =
                PlanParser.parse(PlanFixtures.BASE, "plan.yaml", PlanValidator.withKnownAgents(List.of()));

        assertThat(result.formattedErrors().lines())
                .containsExactly(
                        "plan.yaml:11:16: spec.datasets[0].source.agent: unknown agent 'dc1-a': no agent with this id"
                                + " is registered. No agent is registered yet.",
                        "plan.yaml:15:18: spec.datasets[0].destinations[0].agent: unknown agent 'dc2-b': no agent"
                                + " with this id is registered. No agent is registered yet.");
    }

    @Test
    void validatesAPlanThatWasNotReadFromText() {
        MigrationPlan plan = parse(PlanFixtures.BASE).orElseThrow();

        List<PlanError> errors =
                PlanValidator.withKnownAgents(Set.of(AgentId.of("dc1-a"))).validate(plan);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).hasPosition()).isFalse();
        assertThat(errors.get(0).format("stored plan 'test-plan'"))
                .startsWith("stored plan 'test-plan': spec.datasets[0].destinations[0].agent: unknown agent 'dc2-b'");
        assertThat(PlanValidator.offline().validate(plan)).isEmpty();
        assertThat(PlanValidator.offline().knownAgents()).isEmpty();
    }
}
