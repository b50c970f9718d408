package io.meshlift.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Services and disruption budgets must point at pods that exist, on ports those pods open. */
final class ServiceChecks {

    private ServiceChecks() {}

    static List<String> servicesSelectWorkloads(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (!manifest.is("Service")) {
                continue;
            }
            Service service = manifest.as(Service.class);
            Map<String, String> selector = service.getSpec().getSelector();
            List<Manifest> selected = PodSpecs.workloads(manifests)
                    .filter(workload -> PodSpecs.matches(selector, PodSpecs.podLabels(workload)))
                    .toList();
            if (selected.isEmpty()) {
                violations.add(manifest.describe() + ": selector " + selector + " matches no workload's pods");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target =
                        port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (Manifest workload : selected) {
                    if (!opensPort(workload, target)) {
                        violations.add(manifest.describe() + ": port " + port.getName() + " targets " + asText(target)
                                + ", which " + workload.describe() + " does not declare as a container port");
                    }
                }
            }
        }
        return violations;
    }

    static List<String> disruptionBudgetsSelectWorkloads(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (!manifest.is("PodDisruptionBudget")) {
                continue;
            }
            Map<String, String> selector = manifest.as(PodDisruptionBudget.class)
                    .getSpec()
                    .getSelector()
                    .getMatchLabels();
            if (PodSpecs.workloads(manifests)
                    .noneMatch(workload -> PodSpecs.matches(selector, PodSpecs.podLabels(workload)))) {
                violations.add(manifest.describe() + ": selector " + selector + " matches no workload's pods");
            }
        }
        return violations;
    }

    /** True when an app container of {@code workload} declares {@code port} (by name or number). */
    static boolean opensPort(Manifest workload, IntOrString port) {
        return PodSpecs.template(workload).stream()
                .flatMap(template -> PodSpecs.appContainers(template).stream())
                .map(Container::getPorts)
                .filter(ports -> ports != null)
                .flatMap(List::stream)
                .anyMatch(declared -> port.getStrVal() != null
                        ? port.getStrVal().equals(declared.getName())
                        : port.getIntVal().equals(declared.getContainerPort()));
    }

    static String asText(IntOrString value) {
        return value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal());
    }
}
