package io.meshlift.core.plan;

import java.util.List;
import java.util.Set;

/**
 * The plan document as a tree of untyped nodes that remember where they start. Built by {@link YamlReader} from
 * parser events instead of with a YAML constructor, so that nothing is instantiated from tags, aliases are never
 * expanded, and every value keeps its position for error messages.
 */
sealed interface YamlNode {

    Position position();

    /** How the node is named in "expected X, found Y" messages. */
    String describe();

    /**
     * A scalar as written. {@code plain} is false for quoted and block scalars: only plain scalars can be
     * booleans, integers or null, as in the YAML 1.2 core schema.
     */
    record Scalar(String value, boolean plain, Position position) implements YamlNode {

        private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

        /** {@code key:} with nothing after it, {@code ~} or {@code null}: treated as absent. */
        boolean isNull() {
            return plain && NULLS.contains(value);
        }

        @Override
        public String describe() {
            return isNull() ? "an empty value" : "the value " + PlanText.quote(value);
        }
    }

    /** A key and its value, in document order. Keys of a plan are scalars; others are reported when read. */
    record Entry(YamlNode key, YamlNode value) {}

    record Mapping(List<Entry> entries, Position position) implements YamlNode {
        @Override
        public String describe() {
            return "a map";
        }
    }

    record Sequence(List<YamlNode> items, Position position) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * Stands in for an alias, which is never expanded. Its error was reported when it was read, so binders skip
     * it silently instead of adding "expected a string" noise.
     */
    record Rejected(Position position) implements YamlNode {
        @Override
        public String describe() {
            return "a rejected node";
        }
    }
}
