package io.meshlift.core.plan;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The shared state of one plan read (errors and positions) and the typed conversions every binder uses. Each
 * conversion reports its own error at the node and returns empty, so that callers simply skip what is invalid
 * and go on collecting errors.
 */
final class Binding {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,18}");
    private static final List<String> TRUE = List.of("true", "True", "TRUE");
    private static final List<String> FALSE = List.of("false", "False", "FALSE");

    private final ErrorSink errors;
    private final PlanPositions positions;

    Binding(ErrorSink errors, PlanPositions positions) {
        this.errors = errors;
        this.positions = positions;
    }

    PlanPositions positions() {
        return positions;
    }

    void error(Position at, String path, String message) {
        errors.add(at, path, message);
    }

    /** The node as a map with the {@code known} fields; reports any other type. */
    Optional<Fields> fields(YamlNode node, String path, List<String> known) {
        if (node instanceof YamlNode.Mapping mapping) {
            return Optional.of(new Fields(mapping, path, this, known));
        }
        wrongType(node, path, "a map");
        return Optional.empty();
    }

    /** The node's items; reports any other type. */
    Optional<List<YamlNode>> list(YamlNode node, String path) {
        if (node instanceof YamlNode.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                positions.put(FieldPath.index(path, i), sequence.items().get(i).position());
            }
            return Optional.of(sequence.items());
        }
        wrongType(node, path, "a list");
        return Optional.empty();
    }

    /**
     * The scalar's text, whatever its YAML type: a path may well be {@code 2024}. Reports maps, lists and null
     * (null is only meaningful as "not set", which {@link Fields#optional} already handles).
     */
    Optional<String> text(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            return Optional.of(scalar.value());
        }
        wrongType(node, path, "a string");
        return Optional.empty();
    }

    /** {@code true} or {@code false}, unquoted (YAML 1.2: {@code yes}/{@code no} are strings, not booleans). */
    Optional<Boolean> bool(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar scalar && scalar.plain()) {
            if (TRUE.contains(scalar.value())) {
                return Optional.of(true);
            }
            if (FALSE.contains(scalar.value())) {
                return Optional.of(false);
            }
        }
        wrongScalar(node, path, "true or false");
        return Optional.empty();
    }

    /** An unquoted whole number within {@code [min, max]}. */
    Optional<Integer> integer(YamlNode node, String path, int min, int max) {
        if (node instanceof YamlNode.Scalar scalar
                && scalar.plain()
                && INTEGER.matcher(scalar.value()).matches()) {
            long value = Long.parseLong(scalar.value());
            if (value >= min && value <= max) {
                return Optional.of((int) value);
            }
            error(node.position(), path, "must be between " + min + " and " + max + ", got " + scalar.value());
            return Optional.empty();
        }
        wrongScalar(node, path, "a whole number between " + min + " and " + max);
        return Optional.empty();
    }

    /**
     * The scalar's text converted by {@code parser}; an {@link IllegalArgumentException} from the parser becomes
     * an error at the node, with the exception's message (which must name the value and say how to fix it).
     */
    <T> Optional<T> convert(YamlNode node, String path, Function<String, T> parser) {
        Optional<String> text = text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.get()));
        } catch (IllegalArgumentException e) {
            error(node.position(), path, e.getMessage());
            return Optional.empty();
        }
    }

    private void wrongType(YamlNode node, String path, String expected) {
        if (!(node instanceof YamlNode.Rejected)) { // a rejected node was reported where it was read
            error(node.position(), path, "expected " + expected + ", found " + node.describe());
        }
    }

    /** Like {@link #wrongType}, but points out quotes, the usual reason a number or boolean is not one. */
    private void wrongScalar(YamlNode node, String path, String expected) {
        if (node instanceof YamlNode.Scalar scalar && !scalar.plain()) {
            error(
                    node.position(),
                    path,
                    "expected " + expected + ", found the quoted string " + PlanText.quote(scalar.value())
                            + "; remove the quotes");
        } else {
            wrongType(node, path, expected);
        }
    }
}
