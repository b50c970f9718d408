package io.meshlift.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML map read as an object with a fixed set of fields. Creating it reports, each at its key: keys that
 * are not plain names, keys given twice (YAML forbids it, and silently keeping either value would hide a
 * mistake), and unknown fields with the closest known name.
 */
final class Fields {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final Binding binding;
    private final Map<String, YamlNode> values = new LinkedHashMap<>();

    /**
     * @param known the allowed field names in the order they are listed in messages; {@code null} allows any
     *     key (label maps)
     */
    Fields(YamlNode.Mapping mapping, String path, Binding binding, List<String> known) {
        this.mapping = mapping;
        this.path = path;
        this.binding = binding;
        Map<String, Position> keyPositions = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            if (entry.key() instanceof YamlNode.Rejected) {
                continue;
            }
            if (!(entry.key() instanceof YamlNode.Scalar key) || key.isNull()) {
                binding.error(
                        entry.key().position(),
                        path,
                        "expected a field name, found " + entry.key().describe()
                                + "; keys must be plain names such as 'name'");
                continue;
            }
            String name = key.value();
            String fieldPath = FieldPath.child(path, name);
            Position first = keyPositions.putIfAbsent(name, key.position());
            if (first != null) {
                binding.error(
                        key.position(),
                        fieldPath,
                        "duplicate key " + PlanText.quote(name) + ", already set at line " + first.line() + ", column "
                                + first.column() + "; keep only one of them");
            } else if (known != null && !known.contains(name)) {
                binding.error(
                        key.position(),
                        fieldPath,
                        "unknown field " + PlanText.quote(name) + "." + Suggestions.didYouMean(name, known)
                                + " Fields allowed here: " + String.join(", ", known));
            } else {
                values.put(name, entry.value());
                binding.positions().put(fieldPath, entry.value().position());
            }
        }
    }

    String path() {
        return path;
    }

    Position position() {
        return mapping.position();
    }

    String child(String key) {
        return FieldPath.child(path, key);
    }

    /** Every accepted key with its value, in document order (for maps without fixed fields). */
    Map<String, YamlNode> all() {
        return values;
    }

    /** The value of {@code key}; empty if absent or null ({@code key:}, {@code ~}), which means "not set". */
    Optional<YamlNode> optional(String key) {
        YamlNode value = values.get(key);
        if (value == null || (value instanceof YamlNode.Scalar s && s.isNull())) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /**
     * The value of {@code key}, reporting it as missing (at the start of this map) if absent or null.
     *
     * @param hint what to write, e.g. {@code "e.g. agent: dc1-db-01"}
     */
    Optional<YamlNode> required(String key, String hint) {
        Optional<YamlNode> value = optional(key);
        if (value.isEmpty()) {
            String what = values.containsKey(key)
                    ? "field '" + key + "' has no value"
                    : "missing required field '" + key + "'";
            YamlNode present = values.get(key);
            binding.error(present == null ? mapping.position() : present.position(), child(key), what + "; " + hint);
        }
        return value;
    }
}
