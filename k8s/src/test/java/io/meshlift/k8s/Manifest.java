package io.meshlift.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Kubernetes object as rendered from the manifests: its YAML tree, and where it came from (for
 * messages that say which file to fix).
 */
record Manifest(String origin, ObjectNode tree) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    String apiVersion() {
        return tree.path("apiVersion").asText("");
    }

    String kind() {
        return tree.path("kind").asText("");
    }

    String name() {
        return tree.path("metadata").path("name").asText("");
    }

    String namespace() {
        return tree.path("metadata").path("namespace").asText("");
    }

    JsonNode spec() {
        return tree.path("spec");
    }

    boolean is(String kind) {
        return kind().equals(kind);
    }

    /** The fabric8 model of this object; throws if the tree does not fit the type. */
    <T> T as(Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (Exception e) {
            throw new IllegalStateException(describe() + " does not parse as " + type.getSimpleName(), e);
        }
    }

    /** {@code Deployment/meshlift-coordinator (base/coordinator-deployment.yaml)}. */
    String describe() {
        return kind() + "/" + name() + " (" + origin + ")";
    }

    Manifest copy() {
        return new Manifest(origin, tree.deepCopy());
    }
}
