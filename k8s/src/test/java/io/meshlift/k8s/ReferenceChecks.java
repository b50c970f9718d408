package io.meshlift.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * Every ConfigMap, Secret, ServiceAccount and Issuer that an object names is either defined in the
 * manifests (a cert-manager Certificate defines its Secret) or listed as external in k8s/README.md,
 * and the README lists nothing that is no longer referenced.
 */
final class ReferenceChecks {

    private ReferenceChecks() {}

    static List<String> referencesResolve(List<Manifest> manifests, Set<ObjectReference> documentedExternal) {
        Set<ObjectReference> defined = defined(manifests);
        Map<ObjectReference, String> referenced = referenced(manifests);
        List<String> violations = new ArrayList<>();
        referenced.forEach((reference, by) -> {
            if (!defined.contains(reference) && !documentedExternal.contains(reference)) {
                violations.add(by + " references " + reference
                        + ", which is neither defined nor listed as external in k8s/README.md");
            }
        });
        for (ObjectReference external : documentedExternal) {
            if (!referenced.containsKey(external)) {
                violations.add("k8s/README.md lists " + external + " as external, but nothing references it");
            }
            if (defined.contains(external)) {
                violations.add("k8s/README.md lists " + external + " as external, but the manifests define it");
            }
        }
        return violations;
    }

    static Set<ObjectReference> defined(List<Manifest> manifests) {
        Set<ObjectReference> defined = new LinkedHashSet<>();
        for (Manifest manifest : manifests) {
            defined.add(new ObjectReference(manifest.kind(), manifest.name()));
            if (manifest.is("Certificate")) {
                defined.add(new ObjectReference(
                        "Secret", manifest.spec().path("secretName").asText()));
            }
        }
        return defined;
    }

    static Map<ObjectReference, String> referenced(List<Manifest> manifests) {
        Map<ObjectReference, String> references = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            String by = manifest.describe();
            if (manifest.is("Issuer") && manifest.spec().has("ca")) {
                references.putIfAbsent(
                        new ObjectReference(
                                "Secret",
                                manifest.spec().path("ca").path("secretName").asText()),
                        by);
            }
            if (manifest.is("Certificate")) {
                String kind = manifest.spec().path("issuerRef").path("kind").asText("Issuer");
                references.putIfAbsent(
                        new ObjectReference(
                                kind,
                                manifest.spec().path("issuerRef").path("name").asText()),
                        by);
            }
            PodSpecs.template(manifest)
                    .map(template -> template.getSpec())
                    .ifPresent(spec -> podReferences(spec).forEach(reference -> references.putIfAbsent(reference, by)));
        }
        return references;
    }

    private static List<ObjectReference> podReferences(PodSpec spec) {
        List<ObjectReference> references = new ArrayList<>();
        String serviceAccount = spec.getServiceAccountName();
        references.add(new ObjectReference(
                "ServiceAccount", serviceAccount == null || serviceAccount.isEmpty() ? "default" : serviceAccount));
        for (Volume volume : spec.getVolumes()) {
            if (volume.getConfigMap() != null) {
                references.add(
                        new ObjectReference("ConfigMap", volume.getConfigMap().getName()));
            }
            if (volume.getSecret() != null) {
                references.add(new ObjectReference("Secret", volume.getSecret().getSecretName()));
            }
            if (volume.getProjected() != null) {
                volume.getProjected().getSources().forEach(source -> {
                    if (source.getConfigMap() != null) {
                        references.add(new ObjectReference(
                                "ConfigMap", source.getConfigMap().getName()));
                    }
                    if (source.getSecret() != null) {
                        references.add(
                                new ObjectReference("Secret", source.getSecret().getName()));
                    }
                });
            }
        }
        List<Container> containers = new ArrayList<>(spec.getInitContainers());
        containers.addAll(spec.getContainers());
        for (Container container : containers) {
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    references.add(new ObjectReference(
                            "ConfigMap", source.getConfigMapRef().getName()));
                }
                if (source.getSecretRef() != null) {
                    references.add(
                            new ObjectReference("Secret", source.getSecretRef().getName()));
                }
            }
            for (EnvVar env : container.getEnv()) {
                if (env.getValueFrom() == null) {
                    continue;
                }
                if (env.getValueFrom().getConfigMapKeyRef() != null) {
                    references.add(new ObjectReference(
                            "ConfigMap", env.getValueFrom().getConfigMapKeyRef().getName()));
                }
                if (env.getValueFrom().getSecretKeyRef() != null) {
                    references.add(new ObjectReference(
                            "Secret", env.getValueFrom().getSecretKeyRef().getName()));
                }
            }
        }
        return references;
    }
}
