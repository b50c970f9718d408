package io.meshlift.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * The manifests agree with the applications' own configuration: container ports, probes, mounts and
 * the coordinator address follow from the keys in agent/ and coordinator/ application.properties
 * as overridden by the ConfigMaps.
 */
final class AppConfigChecks {

    private static final String LOOPBACK = "127.0.0.1";

    private AppConfigChecks() {}

    static DeployedApp agent(List<Manifest> manifests, Path repo) {
        return DeployedApp.of(
                manifests,
                "DaemonSet",
                "meshlift-agent",
                "agent",
                repo.resolve("agent/src/main/resources/application.properties"));
    }

    static DeployedApp coordinator(List<Manifest> manifests, Path repo) {
        return DeployedApp.of(
                manifests,
                "Deployment",
                "meshlift-coordinator",
                "coordinator",
                repo.resolve("coordinator/src/main/resources/application.properties"));
    }

    static List<String> agentMatchesConfig(List<Manifest> manifests, Path repo) {
        DeployedApp agent = agent(manifests, repo);
        List<String> violations = new ArrayList<>();
        violations.addAll(portDeclared(agent, "agent.peer.port", "peer"));
        violations.addAll(portDeclared(agent, "quarkus.management.port", "metrics"));
        violations.addAll(metricsScrapable(agent));
        violations.addAll(probesReachHttp(agent));
        violations.addAll(expressionsResolve(agent));
        List<String> paths =
                new ArrayList<>(agent.config().withPrefix("agent.volumes.").values());
        agent.config().get("agent.state-dir").ifPresent(paths::add);
        for (String path : paths) {
            Optional<Volume> volume = agent.volumeMountedAt(path);
            if (volume.isEmpty() || volume.get().getHostPath() == null) {
                violations.add(agent.describe() + ": " + path + " (a volume or the state dir) is not a hostPath mount"
                        + " at exactly that path, so its data would not be the host's or would not survive a restart");
            }
        }
        for (String key : List.of("agent.tls.cert", "agent.tls.key", "agent.tls.ca")) {
            violations.addAll(fileMounted(agent, key));
        }
        violations.addAll(coordinatorAddressResolves(agent, manifests, repo));
        if (Boolean.TRUE.equals(agent.pod().getHostNetwork())
                && !"ClusterFirstWithHostNet".equals(agent.pod().getDnsPolicy())) {
            violations.add(agent.describe() + ": on the host network without dnsPolicy ClusterFirstWithHostNet"
                    + " the agent cannot resolve "
                    + agent.config().get("agent.coordinator.address").orElse("the coordinator"));
        }
        return violations;
    }

    static List<String> coordinatorMatchesConfig(List<Manifest> manifests, Path repo) {
        DeployedApp coordinator = coordinator(manifests, repo);
        List<String> violations = new ArrayList<>();
        violations.addAll(portDeclared(coordinator, "quarkus.http.port", "http"));
        violations.addAll(portDeclared(coordinator, "coordinator.control.port", "control"));
        violations.addAll(portDeclared(coordinator, "quarkus.management.port", "metrics"));
        violations.addAll(metricsScrapable(coordinator));
        violations.addAll(probesReachHttp(coordinator));
        violations.addAll(expressionsResolve(coordinator));
        for (String key : List.of("quarkus.http.host", "coordinator.control.host")) {
            if (coordinator.config().get(key).map(LOOPBACK::equals).orElse(true)) {
                violations.add(coordinator.describe() + ": " + key
                        + " is loopback (or unset), so its Service cannot reach it");
            }
        }
        for (String key : List.of("coordinator.tls.cert", "coordinator.tls.key", "coordinator.tls.ca")) {
            violations.addAll(fileMounted(coordinator, key));
        }
        return violations;
    }

    private static List<String> portDeclared(DeployedApp app, String key, String portName) {
        Optional<Integer> configured = app.config().port(key);
        if (configured.isEmpty()) {
            return List.of(app.describe() + ": " + key + " is set nowhere; set it in the ConfigMap");
        }
        Optional<ContainerPort> declared = WorkloadChecks.findPort(app.container(), portName);
        if (declared.isEmpty()) {
            return List.of(app.describe() + ": declares no port '" + portName + "' for " + key);
        }
        List<String> violations = new ArrayList<>();
        if (!configured.get().equals(declared.get().getContainerPort())) {
            violations.add(app.describe() + ": port '" + portName + "' is "
                    + declared.get().getContainerPort() + " but " + key + " is " + configured.get());
        }
        Integer hostPort = declared.get().getHostPort();
        if (hostPort != null && !hostPort.equals(configured.get())) {
            violations.add(app.describe() + ": hostPort of '" + portName + "' is " + hostPort + " but " + key + " is "
                    + configured.get());
        }
        return violations;
    }

    /**
     * Metrics are on the management interface (docs/adr/0008): enabled, off loopback so Prometheus can
     * reach it, and the pod's scrape annotations name its port and path.
     */
    private static List<String> metricsScrapable(DeployedApp app) {
        List<String> violations = new ArrayList<>();
        if (!app.config().get("quarkus.management.enabled").map("true"::equals).orElse(false)) {
            violations.add(app.describe() + ": quarkus.management.enabled is not true, so /q/metrics is not served");
        }
        if (app.config().get("quarkus.management.host").map(LOOPBACK::equals).orElse(true)) {
            violations.add(app.describe() + ": quarkus.management.host is loopback (or unset), so Prometheus cannot"
                    + " scrape it");
        }
        java.util.Map<String, String> annotations = app.podAnnotations();
        String port = app.config()
                .port("quarkus.management.port")
                .map(String::valueOf)
                .orElse(null);
        if (!"true".equals(annotations.get("prometheus.io/scrape"))
                || port == null
                || !port.equals(annotations.get("prometheus.io/port"))
                || !"/q/metrics".equals(annotations.get("prometheus.io/path"))) {
            violations.add(app.describe() + ": pod annotations prometheus.io/scrape, /port, /path must be true, " + port
                    + " and /q/metrics, are " + annotations);
        }
        return violations;
    }

    /** HTTP probes hit quarkus.http.port; a loopback-only server is probed on 127.0.0.1 from the host network. */
    private static List<String> probesReachHttp(DeployedApp app) {
        List<String> violations = new ArrayList<>();
        Optional<Integer> httpPort = app.config().port("quarkus.http.port");
        boolean loopbackOnly =
                app.config().get("quarkus.http.host").map(LOOPBACK::equals).orElse(false);
        for (Probe probe : WorkloadChecks.probes(app.container())) {
            HTTPGetAction get = probe.getHttpGet();
            if (get == null) {
                continue;
            }
            Integer port = portNumber(app, get.getPort());
            if (httpPort.isEmpty() || !httpPort.get().equals(port)) {
                violations.add(app.describe() + ": probe " + get.getPath() + " uses port " + port
                        + " but quarkus.http.port is " + httpPort.orElse(null));
            }
            if (loopbackOnly
                    && !(LOOPBACK.equals(get.getHost())
                            && Boolean.TRUE.equals(app.pod().getHostNetwork()))) {
                violations.add(app.describe() + ": HTTP listens on loopback only, so probe " + get.getPath()
                        + " must target host 127.0.0.1 from the host network");
            }
        }
        return violations;
    }

    private static Integer portNumber(DeployedApp app, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return WorkloadChecks.findPort(app.container(), port.getStrVal())
                .map(ContainerPort::getContainerPort)
                .orElse(null);
    }

    private static List<String> expressionsResolve(DeployedApp app) {
        return app.config().unresolvedExpressions().stream()
                .map(name -> app.describe() + ": configuration uses ${" + name + "}, which no env var defines")
                .toList();
    }

    private static List<String> fileMounted(DeployedApp app, String key) {
        Optional<String> path = app.config().get(key);
        if (path.isEmpty()) {
            return List.of(app.describe() + ": " + key + " is not set");
        }
        return app.isMounted(path.get())
                ? List.of()
                : List.of(app.describe() + ": " + key + "=" + path.get() + " is on no volume mount");
    }

    /** agent.coordinator.address names the control Service and the coordinator's control port. */
    private static List<String> coordinatorAddressResolves(DeployedApp agent, List<Manifest> manifests, Path repo) {
        Optional<String> address = agent.config().get("agent.coordinator.address");
        if (address.isEmpty()) {
            return List.of(agent.describe() + ": agent.coordinator.address is not set");
        }
        int colon = address.get().lastIndexOf(':');
        String host = address.get().substring(0, colon);
        int port = Integer.parseInt(address.get().substring(colon + 1));
        String serviceName = host.split("\\.")[0];
        Optional<Integer> controlPort = coordinator(manifests, repo).config().port("coordinator.control.port");
        List<String> violations = new ArrayList<>();
        if (!controlPort.equals(Optional.of(port))) {
            violations.add(agent.describe() + ": agent.coordinator.address port " + port
                    + " is not coordinator.control.port " + controlPort.orElse(null));
        }
        boolean served = manifests.stream()
                .filter(m -> m.is("Service") && m.name().equals(serviceName))
                .map(m -> m.as(Service.class))
                .flatMap(service -> service.getSpec().getPorts().stream())
                .anyMatch(servicePort -> servicePort.getPort() == port);
        if (!served) {
            violations.add(agent.describe() + ": agent.coordinator.address " + address.get() + " names no Service "
                    + serviceName + " with port " + port);
        }
        return violations;
    }
}
