package io.meshlift.core.plan;

import org.junit.jupiter.api.Test;

import static io.meshlift.core.plan.PlanFixtures.assertError;
import static io.meshlift.core.plan.PlanFixtures.base;
import static io.meshlift.core.plan.PlanFixtures.baseWith;
import static io.meshlift.core.plan.PlanFixtures.onlyError;
import static io.meshlift.core.plan.PlanFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors about the document rather than a field: YAML syntax, keys, anchors, tags, documents, ordering. */
class PlanDocumentErrorsTest {

    @Test
    void reportsASyntaxErrorWhereTheParserFoundIt() {
        PlanError error = onlyError(base("kind: MigrationPlan", "kind: [MigrationPlan"));

        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isEqualTo(9);
        assertThat(error.path()).isEmpty();
        assertThat(error.message())
                .startsWith("not valid YAML: ")
                .contains("while parsing a flow sequence at line 2," + " column 7");
    }

    @Test
    void explainsThatTabsCannotIndent() {
        PlanError error = onlyError(base("    verify: full", "\tverify: full"));

        assertThat(error.line()).isEqualTo(7);
        assertThat(error.message())
                .startsWith("not valid YAML: found character")
                .contains("for indentation");
    }

    @Test
    void rejectsTextThatIsNotAPlan() {
        PlanError error = onlyError("just some words\n");

        assertError(
                error,
                1,
                1,
                "",
                "a plan is a map with apiVersion, kind, metadata and spec; found the value" + " 'just some words'");
    }

    @Test
    void rejectsAnEmptyDocument() {
        PlanError error = onlyError("# nothing but a comment\n");

        assertError(error, 1, 1, "", "the plan is empty");
    }

    @Test
    void rejectsADuplicateKeyAndPointsAtBoth() {
        PlanError error = onlyError(base("    verify: full", "    verify: full\n    verify: chunks"));

        assertError(error, 8, 5, "spec.defaults.verify", "duplicate key 'verify', already set at line 7, column 5");
    }

    @Test
    void rejectsADuplicateKeyInJson() {
        PlanError error = onlyError("""
                {"apiVersion": "meshlift/v1", "kind": "MigrationPlan", "metadata": {"name": "a", "name": "b"},
                 "spec": {"datasets": [{"name": "d", "source": {"agent": "x", "volume": "v", "path": "p"},
                   "destinations": [{"agent": "y", "volume": "v", "path": "p"}]}]}}
                """);

        assertError(error, 1, 82, "metadata.name", "duplicate key 'name', already set at line 1, column 69");
    }

    @Test
    void rejectsASecondDocument() {
        PlanError error = onlyError(baseWith("---\napiVersion: meshlift/v1\n"));

        assertError(error, 18, 1, "", "a plan file holds exactly one YAML document");
    }

    @Test
    void rejectsAnchorsAndAliases() {
        PlanParseResult result =
                parse(base("    - name: projects\n      source:", "    - name: projects\n      source: &src")
                        .replace(
                                "      destinations:\n        - agent: dc2-b\n          volume: data\n          path: projects",
                                "      destinations:\n        - *src"));

        assertThat(result.formattedErrors().lines())
                .containsExactly(
                        "plan.yaml:10:15: spec.datasets[0].source: anchors (&src) are not supported in plans; write"
                                + " the value out where it is used",
                        "plan.yaml:15:11: spec.datasets[0].destinations[0]: aliases (*src) are not supported in"
                                + " plans; write the value out where it is used");
    }

    @Test
    void rejectsExplicitTags() {
        PlanError error = onlyError(base("    verify: full", "    verify: !!str full"));

        assertError(error, 7, 13, "spec.defaults.verify", "tags such as 'tag:yaml.org,2002:str' are not supported");
    }

    @Test
    void rejectsAKeyThatIsNotAName() {
        PlanError error = onlyError(base("    verify: full", "    [verify]: full"));

        assertError(error, 7, 5, "spec.defaults", "expected a field name, found a list");
    }
}
