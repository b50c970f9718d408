package io.meshlift.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;

/** Checks on the pods that Deployments, DaemonSets and StatefulSets run. */
final class WorkloadChecks {

    private WorkloadChecks() {}

    /** A selector that does not match its own template makes the API server refuse the workload. */
    static List<String> selectorsMatchTemplates(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        PodSpecs.workloads(manifests).forEach(workload -> {
            Map<String, String> selector =
                    PodSpecs.selector(workload).map(s -> s.getMatchLabels()).orElse(null);
            if (workload.spec().path("selector").has("matchExpressions")) {
                violations.add(
                        workload.describe() + ": selector uses matchExpressions, which these checks do not read");
            }
            if (!PodSpecs.matches(selector, PodSpecs.podLabels(workload))) {
                violations.add(workload.describe() + ": selector " + selector + " does not match pod labels "
                        + PodSpecs.podLabels(workload));
            }
        });
        return violations;
    }

    /** Readiness and liveness on every app container; named probe ports must exist. */
    static List<String> probesOnEveryContainer(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        forEachTemplate(manifests, (workload, template) -> {
            for (Container container : PodSpecs.appContainers(template)) {
                String where = workload.describe() + " container " + container.getName();
                if (container.getReadinessProbe() == null) {
                    violations.add(where + ": no readinessProbe");
                }
                if (container.getLivenessProbe() == null) {
                    violations.add(where + ": no livenessProbe");
                }
                for (Probe probe : probes(container)) {
                    IntOrString port = probePort(probe);
                    if (port != null
                            && port.getStrVal() != null
                            && findPort(container, port.getStrVal()).isEmpty()) {
                        violations.add(where + ": probe names port '" + port.getStrVal()
                                + "', which the container does not declare");
                    }
                }
            }
        });
        return violations;
    }

    /** CPU and memory requests and a memory limit on every container, init containers included. */
    static List<String> resourcesOnEveryContainer(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        forEachTemplate(manifests, (workload, template) -> {
            for (Container container : PodSpecs.allContainers(template)) {
                String where = workload.describe() + " container " + container.getName();
                ResourceRequirements resources = container.getResources();
                Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
                Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    if (requests == null || !requests.containsKey(resource)) {
                        violations.add(where + ": no " + resource + " request");
                    }
                }
                if (limits == null || !limits.containsKey("memory")) {
                    violations.add(where + ": no memory limit");
                }
            }
        });
        return violations;
    }

    /** Non-root, no privilege escalation, every capability dropped. */
    static List<String> hardenedSecurityContexts(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        forEachTemplate(manifests, (workload, template) -> {
            PodSecurityContext pod = template.getSpec().getSecurityContext();
            boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
            for (Container container : PodSpecs.allContainers(template)) {
                String where = workload.describe() + " container " + container.getName();
                SecurityContext context = container.getSecurityContext();
                if (context == null) {
                    violations.add(where + ": no securityContext");
                    continue;
                }
                if (!podNonRoot && !Boolean.TRUE.equals(context.getRunAsNonRoot())) {
                    violations.add(where + ": runAsNonRoot is not set");
                }
                if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                    violations.add(where + ": allowPrivilegeEscalation is not false");
                }
                Capabilities capabilities = context.getCapabilities();
                if (capabilities == null
                        || capabilities.getDrop() == null
                        || !capabilities.getDrop().contains("ALL")) {
                    violations.add(where + ": capabilities do not drop ALL");
                }
                if (Boolean.TRUE.equals(context.getPrivileged())) {
                    violations.add(where + ": runs privileged");
                }
                if (context.getReadOnlyRootFilesystem() == null) {
                    violations.add(where + ": readOnlyRootFilesystem is not decided (set it, with a comment if false)");
                }
            }
        });
        return violations;
    }

    /** Every image names a digest or a tag other than latest. */
    static List<String> imagesPinned(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        forEachTemplate(manifests, (workload, template) -> {
            for (Container container : PodSpecs.allContainers(template)) {
                ImageReference image = ImageReference.parse(container.getImage());
                if (!image.isPinned()) {
                    violations.add(workload.describe() + " container " + container.getName() + ": image " + image
                            + " is not pinned (no tag, or latest)");
                }
            }
        });
        return violations;
    }

    static List<Probe> probes(Container container) {
        List<Probe> probes = new ArrayList<>();
        Optional.ofNullable(container.getStartupProbe()).ifPresent(probes::add);
        Optional.ofNullable(container.getReadinessProbe()).ifPresent(probes::add);
        Optional.ofNullable(container.getLivenessProbe()).ifPresent(probes::add);
        return probes;
    }

    static IntOrString probePort(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        if (probe.getTcpSocket() != null) {
            return probe.getTcpSocket().getPort();
        }
        return null;
    }

    static Optional<ContainerPort> findPort(Container container, String name) {
        return Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .filter(port -> name.equals(port.getName()))
                .findFirst();
    }

    static void forEachTemplate(List<Manifest> manifests, BiConsumer<Manifest, PodTemplateSpec> action) {
        PodSpecs.workloads(manifests)
                .forEach(workload -> PodSpecs.template(workload)
                        .filter(template -> template.getSpec() != null)
                        .ifPresent(template -> action.accept(workload, template)));
    }
}
