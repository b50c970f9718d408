package io.meshlift.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization directory the way {@code kubectl kustomize} does, for the features the
 * Meshlift overlays use: {@code resources} (files and directories), {@code patches} (strategic
 * merge, by file or inline, matched on kind and name), {@code images} and {@code namespace}. Any
 * other field is refused, so that a manifest change relying on it cannot pass the checks unrendered.
 * {@code KustomizeParityTest} compares the result with kubectl where kubectl is installed.
 */
final class Kustomization {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "patches", "images", "namespace");

    /** Kinds kustomize's namespace transformer leaves alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "ClusterIssuer",
            "PriorityClass",
            "CustomResourceDefinition",
            "StorageClass");

    private final Path root;

    private Kustomization(Path root) {
        this.root = root;
    }

    /** The objects {@code directory/kustomization.yaml} renders to; origins are relative to {@code root}. */
    static List<Manifest> render(Path root, Path directory) {
        return new Kustomization(root).renderDirectory(directory.normalize());
    }

    private List<Manifest> renderDirectory(Path directory) {
        ObjectNode kustomization = ManifestReader.readObject(directory.resolve("kustomization.yaml"));
        refuseUnsupportedFields(directory, kustomization);
        List<Manifest> manifests = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                manifests.addAll(renderDirectory(path));
            } else {
                manifests.addAll(ManifestReader.readFile(path, origin(path)));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(directory, manifests, patch);
        }
        for (JsonNode image : kustomization.path("images")) {
            ImageOverride.from(image).applyTo(manifests);
        }
        String namespace = kustomization.path("namespace").asText("");
        if (!namespace.isEmpty()) {
            manifests.stream()
                    .filter(manifest -> !CLUSTER_SCOPED.contains(manifest.kind()))
                    .forEach(manifest -> ((ObjectNode) manifest.tree().path("metadata")).put("namespace", namespace));
        }
        return manifests;
    }

    private void refuseUnsupportedFields(Path directory, ObjectNode kustomization) {
        Iterator<String> names = kustomization.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!SUPPORTED_FIELDS.contains(name)) {
                throw new UnsupportedOperationException(directory + "/kustomization.yaml uses '" + name
                        + "', which the manifest checks cannot render: teach Kustomization or avoid it");
            }
        }
    }

    private void applyPatch(Path directory, List<Manifest> manifests, JsonNode entry) {
        if (entry.has("target")) {
            throw new UnsupportedOperationException(
                    directory + ": patches with a target selector are not supported; name the object in the patch");
        }
        List<Manifest> documents = entry.has("path")
                ? ManifestReader.readFile(directory.resolve(entry.get("path").asText()), directory.toString())
                : ManifestReader.read(entry.path("patch").asText(), directory + " (inline patch)");
        for (Manifest patch : documents) {
            Manifest target = manifests.stream()
                    .filter(manifest -> manifest.kind().equals(patch.kind())
                            && manifest.name().equals(patch.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            directory + ": patch " + patch.kind() + "/" + patch.name() + " matches no resource"));
            StrategicMergePatch.apply(target.tree(), patch.tree());
        }
    }

    private String origin(Path file) {
        return root.relativize(file).toString();
    }
}
