package io.meshlift.core.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Plans and assertions shared by the plan tests. */
final class PlanFixtures {

    /**
     * A valid plan whose layout the error tests rely on: tests replace one fragment and assert the line and
     * column of the error, which are therefore visible right here.
     *
     * <pre>
     *  1 apiVersion: meshlift/v1
     *  2 kind: MigrationPlan
     *  3 metadata:
     *  4   name: test-plan
     *  5 spec:
     *  6   defaults:
     *  7     verify: full
     *  8   datasets:
     *  9     - name: projects
     * 10       source:
     * 11         agent: dc1-a
     * 12         volume: data
     * 13         path: projects          (value at column 15)
     * 14       destinations:
     * 15         - agent: dc2-b          (value at column 18)
     * 16           volume: data          (value at column 19)
     * 17           path: projects        (value at column 17)
     * </pre>
     */
    static final String BASE = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata:
              name: test-plan
            spec:
              defaults:
                verify: full
              datasets:
                - name: projects
                  source:
                    agent: dc1-a
                    volume: data
                    path: projects
                  destinations:
                    - agent: dc2-b
                      volume: data
                      path: projects
            """;

    private PlanFixtures() {}

    /** {@link #BASE} with one fragment replaced; fails if the fragment is not there, so tests cannot go stale. */
    static String base(String fragment, String replacement) {
        assertThat(BASE).contains(fragment);
        return BASE.replaceFirst(Pattern.quote(fragment), Matcher.quoteReplacement(replacement));
    }

    /** {@link #BASE} with text appended at the end (line 18 on). */
    static String baseWith(String tail) {
        return BASE + tail;
    }

    static PlanParseResult parse(String yaml) {
        return PlanParser.parse(yaml, "plan.yaml");
    }

    /** A file under src/test/resources/plans/. */
    static String resource(String name) {
        try (InputStream in = PlanFixtures.class.getResourceAsStream("/plans/" + name)) {
            assertThat(in).as("test resource plans/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the plan is invalid with exactly one error, and returns it. */
    static PlanError onlyError(String yaml) {
        PlanParseResult result = parse(yaml);
        assertThat(result.isValid()).as("valid plan").isFalse();
        assertThat(result.errors()).as(result.formattedErrors()).hasSize(1);
        return result.errors().get(0);
    }

    /** Asserts that {@code error} is at line:column, for {@code path}, and that its message has every fragment. */
    static void assertError(PlanError error, int line, int column, String path, String... fragments) {
        String where = "plan.yaml:" + line + ":" + column + ": ";
        assertThat(error.format("plan.yaml")).startsWith(path.isEmpty() ? where : where + path + ": ");
        assertThat(error.message()).contains(fragments);
    }
}
