package io.meshlift.k8s;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Deny by default, DNS allowed, and every port something must reach (a Service's target, a host
 * port) allowed in by some policy: otherwise default-deny silently cuts it off.
 */
final class NetworkPolicyChecks {

    private NetworkPolicyChecks() {}

    static List<String> defaultDenyPresent(List<Manifest> manifests) {
        boolean present = policies(manifests).stream().anyMatch(policy -> {
            var spec = policy.getSpec();
            boolean everyPod = spec.getPodSelector() != null
                    && isEmpty(spec.getPodSelector().getMatchLabels())
                    && isEmpty(spec.getPodSelector().getMatchExpressions());
            return everyPod
                    && spec.getPolicyTypes() != null
                    && spec.getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                    && isEmpty(spec.getIngress())
                    && isEmpty(spec.getEgress());
        });
        return present
                ? List.of()
                : List.of("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
    }

    static List<String> dnsEgressAllowed(List<Manifest> manifests) {
        boolean allowed = policies(manifests).stream()
                .filter(policy -> isEmpty(selectorLabels(policy)))
                .flatMap(policy -> policy.getSpec().getEgress().stream())
                .flatMap(rule -> rule.getPorts().stream())
                .anyMatch(port -> "UDP".equals(port.getProtocol())
                        && port.getPort() != null
                        && Integer.valueOf(53).equals(port.getPort().getIntVal()));
        return allowed ? List.of() : List.of("no NetworkPolicy lets every pod reach DNS (UDP 53)");
    }

    /** A policy whose selector matches no pod protects nothing: most likely a label typo. */
    static List<String> policiesSelectPods(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (manifest.is("NetworkPolicy")) {
                Map<String, String> selector = manifest.as(NetworkPolicy.class)
                        .getSpec()
                        .getPodSelector()
                        .getMatchLabels();
                if (!isEmpty(selector)
                        && PodSpecs.workloads(manifests)
                                .noneMatch(workload -> PodSpecs.matches(selector, PodSpecs.podLabels(workload)))) {
                    violations.add(manifest.describe() + ": podSelector " + selector + " matches no workload's pods");
                }
            }
        }
        return violations;
    }

    /** Service target ports and host ports must be allowed in by a policy selecting their pods. */
    static List<String> exposedPortsAllowedIn(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        PodSpecs.workloads(manifests).forEach(workload -> {
            Map<String, String> labels = PodSpecs.podLabels(workload);
            for (ContainerPort port : exposedPorts(workload, manifests)) {
                boolean allowed = policies(manifests).stream()
                        .filter(policy -> selects(policy, labels))
                        .flatMap(policy -> policy.getSpec().getIngress().stream())
                        .anyMatch(rule -> allows(rule, port));
                if (!allowed) {
                    violations.add(workload.describe() + ": port " + port.getName() + " (" + port.getContainerPort()
                            + ") is exposed but no NetworkPolicy allows ingress to it");
                }
            }
        });
        return violations;
    }

    private static List<ContainerPort> exposedPorts(Manifest workload, List<Manifest> manifests) {
        List<ContainerPort> exposed = new ArrayList<>();
        PodSpecs.template(workload).ifPresent(template -> {
            for (Container container : PodSpecs.appContainers(template)) {
                for (ContainerPort port :
                        container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                    if (port.getHostPort() != null || targetedByService(port, workload, manifests)) {
                        exposed.add(port);
                    }
                }
            }
        });
        return exposed;
    }

    private static boolean targetedByService(ContainerPort port, Manifest workload, List<Manifest> manifests) {
        return manifests.stream()
                .filter(manifest -> manifest.is("Service"))
                .map(manifest -> manifest.as(Service.class))
                .filter(service -> PodSpecs.matches(service.getSpec().getSelector(), PodSpecs.podLabels(workload)))
                .flatMap(service -> service.getSpec().getPorts().stream())
                .map(ServicePort::getTargetPort)
                .anyMatch(target -> target != null && refersTo(target, port));
    }

    private static boolean allows(NetworkPolicyIngressRule rule, ContainerPort port) {
        if (isEmpty(rule.getPorts())) {
            return true;
        }
        for (NetworkPolicyPort allowed : rule.getPorts()) {
            String protocol = allowed.getProtocol() == null ? "TCP" : allowed.getProtocol();
            String portProtocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
            if (protocol.equals(portProtocol) && (allowed.getPort() == null || refersTo(allowed.getPort(), port))) {
                return true;
            }
        }
        return false;
    }

    private static boolean refersTo(IntOrString reference, ContainerPort port) {
        return reference.getStrVal() != null
                ? reference.getStrVal().equals(port.getName())
                : reference.getIntVal().equals(port.getContainerPort());
    }

    private static boolean selects(NetworkPolicy policy, Map<String, String> podLabels) {
        Map<String, String> selector = selectorLabels(policy);
        return isEmpty(selector) || PodSpecs.matches(selector, podLabels);
    }

    /** A policy without podSelector is invalid (ObjectChecks reports it); here it selects nothing special. */
    private static Map<String, String> selectorLabels(NetworkPolicy policy) {
        return policy.getSpec().getPodSelector() == null
                ? Map.of()
                : policy.getSpec().getPodSelector().getMatchLabels();
    }

    private static List<NetworkPolicy> policies(List<Manifest> manifests) {
        return manifests.stream()
                .filter(manifest -> manifest.is("NetworkPolicy"))
                .map(manifest -> manifest.as(NetworkPolicy.class))
                .toList();
    }

    private static boolean isEmpty(Collection<?> collection) {
        return collection == null || collection.isEmpty();
    }

    private static boolean isEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }
}
