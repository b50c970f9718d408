package io.meshlift.core.path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VolumesTest {

    @TempDir
    Path tmp;

    Map<String, Path> config;

    @BeforeEach
    void createRoots() throws IOException {
        config = new HashMap<>();
        config.put("beta", Files.createDirectory(tmp.resolve("b")));
        config.put("alpha", Files.createDirectory(tmp.resolve("a")));
    }

    @Test
    void returnsVolumeByName() throws IOException {
        Volumes volumes = Volumes.of(config);

        assertThat(volumes.get("alpha").root()).isEqualTo(tmp.resolve("a").toRealPath());
        assertThat(volumes.find("beta")).map(VolumeRoot::name).contains("beta");
        assertThat(volumes.names()).containsExactly("alpha", "beta");
    }

    @Test
    void unknownVolumeListsKnownNames() {
        Volumes volumes = Volumes.of(config);

        UnknownVolumeException e = catchThrowableOfType(UnknownVolumeException.class, () -> volumes.get("gamma"));

        assertThat(e.name()).isEqualTo("gamma");
        assertThat(e.knownNames()).containsExactly("alpha", "beta");
        assertThat(e.getMessage()).contains("'gamma'", "[alpha, beta]");
        assertThat(volumes.find("gamma")).isEmpty();
        assertThat(volumes.find(null)).isEmpty();
    }

    @Test
    void rendersHostileUnknownNameEscaped() {
        Volumes volumes = Volumes.of(config);

        assertThatThrownBy(() -> volumes.get("x\u0000\n\u202e"))
                .isInstanceOf(UnknownVolumeException.class)
                .hasMessageContaining("x\\u0000\\u000A\\u202E")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void isUnaffectedByLaterChangesToTheConfiguration() {
        Volumes volumes = Volumes.of(config);
        config.remove("alpha");

        assertThat(volumes.names()).containsExactly("alpha", "beta");
        assertThatThrownBy(() -> volumes.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesConfigurationWithInvalidRoot() {
        config.put("gamma", tmp.resolve("missing"));

        assertThatThrownBy(() -> Volumes.of(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume 'gamma'");
    }

    @Test
    void allowsAnAgentWithoutVolumes() {
        assertThat(Volumes.of(Map.of()).names()).isEmpty();
    }
}
