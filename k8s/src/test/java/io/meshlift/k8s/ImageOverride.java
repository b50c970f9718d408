package io.meshlift.k8s;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One entry of a kustomization's {@code images}: rewrites matching container images. */
record ImageOverride(String name, String newName, String newTag, String digest) {

    static ImageOverride from(JsonNode entry) {
        return new ImageOverride(
                entry.path("name").asText(),
                entry.path("newName").asText(""),
                entry.path("newTag").asText(""),
                entry.path("digest").asText(""));
    }

    void applyTo(List<Manifest> manifests) {
        for (Manifest manifest : manifests) {
            JsonNode podSpec = PodSpecs.podSpecTree(manifest);
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : podSpec.path(list)) {
                    rewrite((ObjectNode) container);
                }
            }
        }
    }

    private void rewrite(ObjectNode container) {
        ImageReference image = ImageReference.parse(container.path("image").asText());
        if (!image.repository().equals(name)) {
            return;
        }
        String repository = newName.isEmpty() ? image.repository() : newName;
        String tag = newTag.isEmpty() ? image.tag() : newTag;
        String pinnedDigest = digest.isEmpty() ? image.digest() : digest;
        container.put("image", new ImageReference(repository, digest.isEmpty() ? tag : "", pinnedDigest).toString());
    }
}
