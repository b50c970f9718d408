package io.meshlift.k8s;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The apiVersion/kind pairs the manifests may use, with the model each parses into. cert-manager's
 * kinds have no fabric8 model here and parse as generic resources. Anything else is an error: a
 * typo in a kind or an outdated apiVersion ({@code policy/v1beta1}) is caught before a cluster is.
 */
final class KnownKinds {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("cert-manager.io/v1/Issuer", GenericKubernetesResource.class),
            Map.entry("cert-manager.io/v1/ClusterIssuer", GenericKubernetesResource.class),
            Map.entry("cert-manager.io/v1/Certificate", GenericKubernetesResource.class));

    private KnownKinds() {}

    static Optional<Class<?>> model(Manifest manifest) {
        return Optional.ofNullable(MODELS.get(manifest.apiVersion() + "/" + manifest.kind()));
    }
}
