package io.meshlift.k8s;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The subset of Kubernetes strategic-merge patches the overlays use: mappings merge key by key, a
 * {@code null} removes a key, lists of containers, volumes, env, ports and mounts merge element by
 * element on their merge key, other lists are replaced. Patch directives ({@code $patch},
 * {@code $retainKeys}, ...) are refused rather than misapplied.
 */
final class StrategicMergePatch {

    /** List field -> the key its elements merge on, as in the Kubernetes API's patchMergeKey. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "ephemeralContainers", "name",
            "volumes", "name",
            "env", "name",
            "imagePullSecrets", "name",
            "volumeMounts", "mountPath");

    /** Container ports merge on containerPort, Service ports on port. */
    private static final Set<String> PORT_KEYS = Set.of("containerPort", "port");

    private StrategicMergePatch() {}

    /** Applies {@code patch} to {@code target} in place. */
    static void apply(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException("patch directive " + key + " is not supported here");
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current instanceof ObjectNode currentObject) {
                apply(currentObject, (ObjectNode) value);
            } else if (value.isArray() && current instanceof ArrayNode currentArray) {
                target.set(key, mergeList(key, currentArray, (ArrayNode) value));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static ArrayNode mergeList(String field, ArrayNode current, ArrayNode patch) {
        String mergeKey = mergeKey(field, patch);
        if (mergeKey == null) {
            return patch.deepCopy();
        }
        // As kustomize does: patched and added elements first, in patch order, then the rest.
        ArrayNode merged = current.arrayNode();
        ArrayNode rest = current.deepCopy();
        for (JsonNode element : patch) {
            JsonNode id = element.get(mergeKey);
            if (!(element instanceof ObjectNode patchElement) || id == null) {
                throw new IllegalArgumentException(
                        "patch element of " + field + " has no merge key " + mergeKey + ": " + element);
            }
            ObjectNode match = find(rest, mergeKey, id);
            if (match == null) {
                merged.add(patchElement.deepCopy());
            } else {
                apply(match, patchElement);
                merged.add(match);
                rest.remove(indexOf(rest, match));
            }
        }
        merged.addAll(rest);
        return merged;
    }

    private static String mergeKey(String field, ArrayNode patch) {
        if (field.equals("ports")) {
            JsonNode first = patch.path(0);
            return PORT_KEYS.stream().filter(first::has).findFirst().orElse(null);
        }
        return MERGE_KEYS.get(field);
    }

    private static int indexOf(ArrayNode list, JsonNode element) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == element) {
                return i;
            }
        }
        throw new IllegalStateException("element not in list");
    }

    private static ObjectNode find(ArrayNode list, String key, JsonNode id) {
        for (JsonNode element : list) {
            if (element instanceof ObjectNode object && id.equals(object.get(key))) {
                return object;
            }
        }
        return null;
    }
}
