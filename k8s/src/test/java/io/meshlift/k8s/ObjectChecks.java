package io.meshlift.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** Checks every object on its own: kind, names, labels, required fields, no secret material. */
final class ObjectChecks {

    static final String PART_OF = "meshlift";
    static final List<String> COMMON_LABELS =
            List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component");

    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ObjectChecks() {}

    /** Every object's apiVersion/kind is known and its tree parses into that kind's model. */
    static List<String> knownKinds(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            var model = KnownKinds.model(manifest);
            if (model.isEmpty()) {
                violations.add(manifest.describe() + ": unknown apiVersion/kind " + manifest.apiVersion() + "/"
                        + manifest.kind());
                continue;
            }
            try {
                UnknownFields.in(manifest.as(model.get()))
                        .forEach(field -> violations.add(manifest.describe() + ": unknown field " + field));
            } catch (IllegalStateException e) {
                violations.add(e.getMessage() + ": " + e.getCause().getMessage());
            }
        }
        return violations;
    }

    /** Names, namespaces, the common labels, and the fields each kind cannot work without. */
    static List<String> requiredFields(List<Manifest> manifests, String namespace) {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Manifest manifest : manifests) {
            String name = manifest.name();
            if (!DNS_1123_SUBDOMAIN.matcher(name).matches()) {
                violations.add(manifest.describe() + ": metadata.name '" + name + "' is not a DNS-1123 name");
            }
            if (!seen.add(manifest.kind() + "/" + manifest.namespace() + "/" + name)) {
                violations.add(manifest.describe() + ": defined twice");
            }
            if (!manifest.is("Namespace") && !namespace.equals(manifest.namespace())) {
                violations.add(
                        manifest.describe() + ": namespace is '" + manifest.namespace() + "', expected " + namespace);
            }
            violations.addAll(
                    commonLabels(manifest, manifest.tree().path("metadata").path("labels"), "metadata"));
            violations.addAll(kindSpecificFields(manifest));
        }
        return violations;
    }

    private static List<String> commonLabels(Manifest manifest, JsonNode labels, String where) {
        List<String> violations = new ArrayList<>();
        for (String label : COMMON_LABELS) {
            if (labels.path(label).asText("").isEmpty()) {
                violations.add(manifest.describe() + ": " + where + " lacks label " + label);
            }
        }
        if (labels.has("app.kubernetes.io/part-of")
                && !PART_OF.equals(labels.path("app.kubernetes.io/part-of").asText())) {
            violations.add(manifest.describe() + ": " + where + " app.kubernetes.io/part-of is not " + PART_OF);
        }
        return violations;
    }

    private static List<String> kindSpecificFields(Manifest manifest) {
        List<String> violations = new ArrayList<>();
        JsonNode spec = manifest.spec();
        switch (manifest.kind()) {
            case "Service" -> {
                require(violations, manifest, !spec.path("selector").isEmpty(), "spec.selector");
                require(violations, manifest, !spec.path("ports").isEmpty(), "spec.ports");
            }
            case "ConfigMap" ->
                require(violations, manifest, !manifest.tree().path("data").isEmpty(), "data");
            case "Certificate" -> {
                require(
                        violations,
                        manifest,
                        !spec.path("secretName").asText("").isEmpty(),
                        "spec.secretName");
                require(
                        violations,
                        manifest,
                        !spec.path("issuerRef").path("name").asText("").isEmpty(),
                        "spec.issuerRef.name");
            }
            case "Issuer", "ClusterIssuer" ->
                require(
                        violations,
                        manifest,
                        spec.has("selfSigned") || spec.has("ca") || spec.has("acme") || spec.has("vault"),
                        "an issuer type (selfSigned, ca, ...)");
            case "NetworkPolicy" -> {
                require(violations, manifest, spec.has("podSelector"), "spec.podSelector");
                require(violations, manifest, !spec.path("policyTypes").isEmpty(), "spec.policyTypes");
            }
            case "PodDisruptionBudget" -> {
                require(violations, manifest, !spec.path("selector").isEmpty(), "spec.selector");
                require(
                        violations,
                        manifest,
                        spec.has("minAvailable") || spec.has("maxUnavailable"),
                        "spec.minAvailable or spec.maxUnavailable");
            }
            default -> {
                if (PodSpecs.isWorkload(manifest)) {
                    violations.addAll(workloadFields(manifest));
                }
            }
        }
        return violations;
    }

    private static List<String> workloadFields(Manifest manifest) {
        List<String> violations = new ArrayList<>();
        PodTemplateSpec template = PodSpecs.template(manifest).orElse(null);
        if (template == null || template.getSpec() == null) {
            violations.add(manifest.describe() + ": lacks spec.template.spec");
            return violations;
        }
        violations.addAll(commonLabels(
                manifest, manifest.spec().path("template").path("metadata").path("labels"), "pod template"));
        if (PodSpecs.appContainers(template).isEmpty()) {
            violations.add(manifest.describe() + ": has no containers");
        }
        for (Container container : PodSpecs.allContainers(template)) {
            if (container.getName() == null
                    || container.getImage() == null
                    || container.getImage().isBlank()) {
                violations.add(manifest.describe() + ": a container lacks a name or an image");
            }
        }
        return violations;
    }

    private static void require(List<String> violations, Manifest manifest, boolean present, String field) {
        if (!present) {
            violations.add(manifest.describe() + ": lacks " + field);
        }
    }

    /** No Secret carries values: they are created out of band (k8s/README.md). */
    static List<String> noCommittedSecretData(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (manifest.is("Secret")) {
                for (String field : List.of("data", "stringData")) {
                    JsonNode values = manifest.tree().path(field);
                    if (!values.isEmpty()) {
                        violations.add(manifest.describe() + ": commits secret " + field + " " + fieldNames(values)
                                + "; create the Secret with kubectl instead");
                    }
                }
            }
        }
        return violations;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
