package io.meshlift.k8s;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * One Meshlift application as a workload runs it: its container, the environment the container
 * gets (env and envFrom ConfigMaps), and the configuration it reads, i.e. the built-in
 * application.properties plus the ConfigMap file that {@code QUARKUS_CONFIG_LOCATIONS} points at.
 */
final class DeployedApp {

    static final String CONFIG_LOCATIONS = "QUARKUS_CONFIG_LOCATIONS";

    private final Manifest workload;
    private final PodSpec pod;
    private final Container container;
    private final Map<String, String> environment;
    private final AppConfig config;

    private DeployedApp(
            Manifest workload, PodSpec pod, Container container, Map<String, String> environment, AppConfig config) {
        this.workload = workload;
        this.pod = pod;
        this.container = container;
        this.environment = environment;
        this.config = config;
    }

    /** Finds the container and resolves its configuration; explains in the exception what is missing. */
    static DeployedApp of(List<Manifest> manifests, String kind, String name, String containerName, Path builtIn) {
        Manifest workload = manifests.stream()
                .filter(m -> m.is(kind) && m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + "/" + name));
        PodSpec pod = PodSpecs.template(workload).orElseThrow().getSpec();
        Container container = pod.getContainers().stream()
                .filter(c -> c.getName().equals(containerName))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException(workload.describe() + " has no container " + containerName));
        Map<String, String> environment = environment(manifests, container);
        Properties mounted = mountedConfig(manifests, workload, pod, container, environment);
        AppConfig config = AppConfig.resolve(
                AppConfig.load(builtIn), environment.getOrDefault("QUARKUS_PROFILE", ""), mounted, environment);
        return new DeployedApp(workload, pod, container, environment, config);
    }

    private static Map<String, String> environment(List<Manifest> manifests, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                configMapData(manifests, source.getConfigMapRef().getName()).forEach(environment::put);
            }
        }
        for (EnvVar env : container.getEnv()) {
            environment.put(
                    env.getName(), env.getValue() != null ? env.getValue() : "<from " + env.getValueFrom() + ">");
        }
        return environment;
    }

    private static Properties mountedConfig(
            List<Manifest> manifests, Manifest workload, PodSpec pod, Container container, Map<String, String> env) {
        String location = env.get(CONFIG_LOCATIONS);
        if (location == null) {
            throw new IllegalStateException(workload.describe() + ": " + CONFIG_LOCATIONS + " is not set");
        }
        Path file = Path.of(location);
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> Path.of(m.getMountPath()).equals(file.getParent()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        workload.describe() + ": nothing is mounted at " + file.getParent() + " for " + location));
        Volume volume = pod.getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()) && v.getConfigMap() != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        workload.describe() + ": volume " + mount.getName() + " is not a ConfigMap"));
        String key = file.getFileName().toString();
        String text = configMapData(manifests, volume.getConfigMap().getName()).get(key);
        if (text == null) {
            throw new IllegalStateException(workload.describe() + ": ConfigMap "
                    + volume.getConfigMap().getName() + " has no key " + key + " for " + location);
        }
        return AppConfig.parse(text);
    }

    private static Map<String, String> configMapData(List<Manifest> manifests, String name) {
        Map<String, String> data = new LinkedHashMap<>();
        manifests.stream()
                .filter(m -> m.is("ConfigMap") && m.name().equals(name))
                .findFirst()
                .ifPresent(m -> m.tree()
                        .path("data")
                        .fields()
                        .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText())));
        return data;
    }

    /** True when {@code path} lies on a volume mount of the container (the root filesystem is read-only). */
    boolean isMounted(String path) {
        Path target = Path.of(path);
        return container.getVolumeMounts().stream().anyMatch(mount -> target.startsWith(Path.of(mount.getMountPath())));
    }

    Optional<Volume> volumeMountedAt(String path) {
        return container.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(path))
                .findFirst()
                .flatMap(mount -> pod.getVolumes().stream()
                        .filter(volume -> volume.getName().equals(mount.getName()))
                        .findFirst());
    }

    Manifest workload() {
        return workload;
    }

    PodSpec pod() {
        return pod;
    }

    /** The pod template's annotations (empty when it has none). */
    Map<String, String> podAnnotations() {
        return PodSpecs.template(workload)
                .map(template ->
                        template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                                ? Map.<String, String>of()
                                : template.getMetadata().getAnnotations())
                .orElse(Map.of());
    }

    Container container() {
        return container;
    }

    Map<String, String> environment() {
        return environment;
    }

    AppConfig config() {
        return config;
    }

    String describe() {
        return workload.describe() + " container " + container.getName();
    }
}
