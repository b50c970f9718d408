package io.meshlift.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small kustomize the checks render with: patches, images, refusal of what it cannot do. */
class KustomizationTest {

    @Test
    void mergesContainersByNameAndReplacesPlainLists() {
        ObjectNode target = ManifestReader.read("""
                        spec:
                          containers:
                            - {name: a, image: x, args: [one, two]}
                            - {name: b, image: y}
                        """, "target").get(0).tree();
        ObjectNode patch = ManifestReader.read("""
                        spec:
                          containers:
                            - {name: b, image: z}
                            - {name: c, image: w}
                          replicas: 1
                        """, "patch").get(0).tree();

        StrategicMergePatch.apply(target, patch);

        assertThat(target.path("spec").path("containers").findValuesAsText("image"))
                .as("kustomize puts patched elements first, in patch order")
                .containsExactly("z", "w", "x");
        assertThat(target.path("spec").path("containers").get(2).path("args")).hasSize(2);
        assertThat(target.path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void refusesPatchDirectivesItDoesNotImplement() {
        ObjectNode target = ManifestReader.read("spec: {a: 1}", "t").get(0).tree();
        ObjectNode patch =
                ManifestReader.read("spec: {$patch: replace}", "p").get(0).tree();

        assertThatThrownBy(() -> StrategicMergePatch.apply(target, patch))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("$patch");
    }

    @Test
    void splitsImageReferencesWithoutMistakingARegistryPortForATag() {
        assertThat(ImageReference.parse("registry.local:5000/meshlift/agent"))
                .isEqualTo(new ImageReference("registry.local:5000/meshlift/agent", "", ""));
        assertThat(ImageReference.parse("quay.io/keycloak/keycloak:26.5.6").tag())
                .isEqualTo("26.5.6");
        assertThat(ImageReference.parse("meshlift/agent:latest").isPinned()).isFalse();
        assertThat(ImageReference.parse("meshlift/agent@sha256:abc").isPinned()).isTrue();
    }

    @Test
    void rendersResourcesPatchesImagesAndNamespace(@TempDir Path dir) throws IOException {
        write(dir.resolve("base/kustomization.yaml"), "resources: [deploy.yaml]\nnamespace: ns\n");
        write(dir.resolve("base/deploy.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers: [{name: app, image: org/app}]
                """);
        write(dir.resolve("overlay/kustomization.yaml"), """
                resources: [../base]
                patches: [{path: one.yaml}]
                images: [{name: org/app, newTag: "1.2"}]
                """);
        write(
                dir.resolve("overlay/one.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec: {replicas: 1}\n");

        List<Manifest> rendered = Kustomization.render(dir, dir.resolve("overlay"));

        assertThat(rendered).singleElement().satisfies(app -> {
            assertThat(app.namespace()).isEqualTo("ns");
            assertThat(app.spec().path("replicas").asInt()).isEqualTo(1);
            assertThat(app.spec()
                            .path("template")
                            .path("spec")
                            .path("containers")
                            .get(0)
                            .path("image")
                            .asText())
                    .isEqualTo("org/app:1.2");
        });
    }

    @Test
    void refusesKustomizationFieldsItCannotRender(@TempDir Path dir) throws IOException {
        write(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels: {a: b}\n");

        assertThatThrownBy(() -> Kustomization.render(dir, dir))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("commonLabels");
    }

    @Test
    void everyYamlFileUnderK8sIsRenderedOrAPatch() throws IOException {
        Path k8s = Manifests.k8sDir();
        List<Path> yamlFiles;
        try (Stream<Path> files = Files.walk(k8s)) {
            yamlFiles = files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.startsWith(k8s.resolve("target")))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
        }
        List<String> used = new ArrayList<>();
        for (String kustomization : Manifests.KUSTOMIZATIONS) {
            Path dir = k8s.resolve(kustomization);
            ObjectNode spec = ManifestReader.readObject(dir.resolve("kustomization.yaml"));
            spec.path("resources")
                    .forEach(r -> used.add(dir.resolve(r.asText()).normalize().toString()));
            spec.path("patches")
                    .forEach(p -> used.add(
                            dir.resolve(p.path("path").asText()).normalize().toString()));
        }

        assertThat(yamlFiles)
                .as("a manifest no kustomization lists is never applied nor checked")
                .allSatisfy(file -> assertThat(used).contains(file.toString()));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
