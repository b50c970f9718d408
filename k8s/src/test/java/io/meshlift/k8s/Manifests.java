package io.meshlift.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where the manifests and the applications' configuration live, and the rendered kustomizations. */
final class Manifests {

    static final String NAMESPACE = "meshlift";
    static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/dev", "overlays/production");

    private static final Map<String, List<Manifest>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {}

    /** The k8s/ directory; Surefire passes it, an IDE run from k8s/ finds it as the working directory. */
    static Path k8sDir() {
        return Path.of(System.getProperty("meshlift.k8s.dir", "."))
                .toAbsolutePath()
                .normalize();
    }

    static Path repoDir() {
        return Path.of(System.getProperty("meshlift.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** A fresh copy of what {@code kustomization} (relative to k8s/) renders; callers may change it. */
    static List<Manifest> render(String kustomization) {
        return RENDERED
                .computeIfAbsent(kustomization, k -> List.copyOf(Kustomization.render(k8sDir(), k8sDir().resolve(k))))
                .stream()
                .map(Manifest::copy)
                .toList();
    }
}
