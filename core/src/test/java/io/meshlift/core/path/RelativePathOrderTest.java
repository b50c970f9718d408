package io.meshlift.core.path;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelativePathOrderTest {

    private static List<String> sorted(String... paths) {
        return Arrays.stream(paths)
                .map(RelativePath::parse)
                .sorted()
                .map(RelativePath::toString)
                .toList();
    }

    @Test
    void sortsByUtf8BytesOfTheWholePathLikeLcAllCSort() {
        // '-' 0x2D < '/' 0x2F < '0' 0x30: not a segment-wise order, on purpose.
        assertThat(sorted("a0", "a/b", "a-c")).containsExactly("a-c", "a/b", "a0");
        assertThat(sorted("a", "Z")).containsExactly("Z", "a");
        assertThat(sorted("\u00e9", "z")).containsExactly("z", "\u00e9");
        assertThat(sorted("ab", "a")).containsExactly("a", "ab");
    }

    @Test
    void sortsSupplementaryCharactersAfterTheRestOfTheBasicPlane() {
        // UTF-16 code units would put U+1F600 (D83D DE00) before U+FFFD and U+E000; UTF-8 bytes do not.
        assertThat(sorted("\ud83d\ude00", "\ufffd", "\ue000", "\uff0e"))
                .containsExactly("\ue000", "\uff0e", "\ufffd", "\ud83d\ude00");
    }

    @Test
    void agreesWithUnsignedByteComparisonOnRandomPaths() {
        String[] alphabet = {
            "a",
            "Z",
            "-",
            "0",
            "/",
            "\u00e9",
            "e\u0301",
            "\u4e2d",
            "\ue000",
            "\ufffd",
            "\ud83d\ude00",
            "\ud800\udc00",
            "\u007e"
        };
        Random random = new Random(20240611L); // fixed: a failure must be reproducible
        List<RelativePath> paths = new ArrayList<>();
        while (paths.size() < 400) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            try {
                paths.add(RelativePath.parse(sb.toString()));
            } catch (PathRejectedException e) {
                // '/' at an edge or doubled: not a path, skip it
            }
        }
        for (RelativePath x : paths) {
            for (RelativePath y : paths) {
                int expected = Arrays.compareUnsigned(utf8(x), utf8(y));
                assertThat(Integer.signum(x.compareTo(y))).as("%s vs %s", x, y).isEqualTo(Integer.signum(expected));
            }
        }
    }

    private static byte[] utf8(RelativePath path) {
        return path.toString().getBytes(StandardCharsets.UTF_8);
    }
}
