package io.meshlift.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** Finds the pod template of workloads, as a tree (for rewriting) and as the fabric8 model. */
final class PodSpecs {

    private PodSpecs() {}

    /** The kinds that run pods from a template. */
    static boolean isWorkload(Manifest manifest) {
        return manifest.is("Deployment") || manifest.is("DaemonSet") || manifest.is("StatefulSet");
    }

    static JsonNode podSpecTree(Manifest manifest) {
        return isWorkload(manifest) ? manifest.spec().path("template").path("spec") : MissingNode.getInstance();
    }

    static Optional<PodTemplateSpec> template(Manifest manifest) {
        return switch (manifest.kind()) {
            case "Deployment" ->
                Optional.ofNullable(manifest.as(Deployment.class).getSpec().getTemplate());
            case "DaemonSet" ->
                Optional.ofNullable(manifest.as(DaemonSet.class).getSpec().getTemplate());
            case "StatefulSet" ->
                Optional.ofNullable(manifest.as(StatefulSet.class).getSpec().getTemplate());
            default -> Optional.empty();
        };
    }

    static Optional<LabelSelector> selector(Manifest manifest) {
        return switch (manifest.kind()) {
            case "Deployment" ->
                Optional.ofNullable(manifest.as(Deployment.class).getSpec().getSelector());
            case "DaemonSet" ->
                Optional.ofNullable(manifest.as(DaemonSet.class).getSpec().getSelector());
            case "StatefulSet" ->
                Optional.ofNullable(manifest.as(StatefulSet.class).getSpec().getSelector());
            default -> Optional.empty();
        };
    }

    static Map<String, String> podLabels(Manifest manifest) {
        return template(manifest)
                .map(template -> template.getMetadata() == null
                        ? null
                        : template.getMetadata().getLabels())
                .orElse(Map.of());
    }

    /** Init containers first, then the app containers. */
    static List<Container> allContainers(PodTemplateSpec template) {
        List<Container> containers = new ArrayList<>();
        Optional.ofNullable(template.getSpec().getInitContainers()).ifPresent(containers::addAll);
        Optional.ofNullable(template.getSpec().getContainers()).ifPresent(containers::addAll);
        return containers;
    }

    static List<Container> appContainers(PodTemplateSpec template) {
        return Optional.ofNullable(template.getSpec().getContainers()).orElse(List.of());
    }

    /** True when every matchLabels entry of {@code selector} is among {@code labels}. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && selector.entrySet().stream()
                        .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    static Stream<Manifest> workloads(List<Manifest> manifests) {
        return manifests.stream().filter(PodSpecs::isWorkload);
    }
}
