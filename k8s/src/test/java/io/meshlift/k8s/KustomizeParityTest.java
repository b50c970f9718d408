package io.meshlift.k8s;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checks run on what {@link Kustomization} renders; where kubectl is installed, this proves that
 * equals what {@code kubectl kustomize} renders, object for object. Skipped without kubectl.
 */
class KustomizeParityTest {

    static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void rendersWhatKubectlKustomizeRenders(String kustomization) throws Exception {
        Path kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl is not installed");
        Process process = new ProcessBuilder(
                        kubectl.toString(),
                        "kustomize",
                        Manifests.k8sDir().resolve(kustomization).toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Map<String, JsonNode> expected = byIdentity(ManifestReader.read(output, "kubectl"));
        Map<String, JsonNode> actual = byIdentity(Manifests.render(kustomization));

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((identity, tree) ->
                assertThat(actual.get(identity)).as(identity).isEqualTo(tree));
    }

    private static Map<String, JsonNode> byIdentity(List<Manifest> manifests) {
        return manifests.stream().collect(Collectors.toMap(m -> m.kind() + "/" + m.name(), m -> (JsonNode) m.tree()));
    }

    private static Path kubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
