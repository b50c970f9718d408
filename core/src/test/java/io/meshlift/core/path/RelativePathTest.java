package io.meshlift.core.path;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RelativePathTest {

    static final String NFC_E = "\u00e9";
    static final String NFD_E = "e\u0301";

    /** 4096 bytes: 16 names of 254 bytes and 15 separators make 4079, then "/" and 16 more bytes. */
    static final String PATH_OF_4096_BYTES =
            String.join("/", Collections.nCopies(16, "a".repeat(254))) + "/" + "b".repeat(16);

    static Stream<Arguments> hostileCorpus() {
        return Stream.of(
                Arguments.of("..", "'..'"),
                Arguments.of("a/../..", "'..'"),
                Arguments.of("a/..", "'..'"),
                Arguments.of("/etc/shadow", "absolute path"),
                Arguments.of("/", "absolute path"),
                Arguments.of("", "path is empty"),
                Arguments.of("a//b", "doubled '/'"),
                Arguments.of("./a", "is '.'"),
                Arguments.of("a/.", "is '.'"),
                Arguments.of("a/", "trailing '/'"),
                Arguments.of("a\u0000b", "NUL"),
                Arguments.of("a/\u0000", "NUL"),
                Arguments.of("\u0001", "control character U+0001"),
                Arguments.of("a\nb", "control character U+000A"),
                Arguments.of("a\u007fb", "control character U+007F"),
                Arguments.of("..\\..\\etc", "backslash"),
                Arguments.of("a\\b", "backslash"),
                Arguments.of("x".repeat(256), "segment 0 is 256 UTF-8 bytes"),
                Arguments.of("ok/" + NFC_E.repeat(128), "segment 1 is 256 UTF-8 bytes"),
                Arguments.of(PATH_OF_4096_BYTES + "c", "4097 UTF-8 bytes"),
                Arguments.of(String.join("/", Collections.nCopies(17, NFC_E.repeat(127))), "4334 UTF-8 bytes"),
                Arguments.of("a".repeat(5000), "UTF-8 bytes long"),
                Arguments.of("\ud800", "unpaired UTF-16 surrogate U+D800"),
                Arguments.of("a\udc00", "unpaired UTF-16 surrogate U+DC00"),
                Arguments.of("\ud83dA", "unpaired UTF-16 surrogate U+D83D"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("hostileCorpus")
    void refusesHostileInputWithActionableReason(String input, String expectedReason) {
        PathRejectedException e = catchThrowableOfType(PathRejectedException.class, () -> RelativePath.parse(input));

        assertThat(e).as("parse(%s) must be refused", SafeText.quote(input)).isNotNull();
        assertThat(e.reason()).contains(expectedReason);
        assertThat(e.volume()).isEmpty();
        assertThat(e.getMessage()).doesNotContain("\u0000", "\u0001", "\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "a/b/c",
                "\uff0e\uff0e", // fullwidth "．．": an ordinary name to Linux, not ".."
                "...",
                "a..b",
                ".hidden",
                "a/.b/..c",
                "C:",
                "a b/~",
                "\u00e9",
                "e\u0301",
                "\ud83d\ude00",
                "\u202e" // bidi override: legal in a Linux name, only escaped in messages
            })
    void acceptsOrdinaryNamesAndRoundTripsThemByteExact(String input) {
        RelativePath path = RelativePath.parse(input);

        assertThat(path.toString()).isEqualTo(input);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        assertThat(RelativePath.parse(new String(bytes, StandardCharsets.UTF_8))
                        .toString()
                        .getBytes(StandardCharsets.UTF_8))
                .isEqualTo(bytes);
    }

    @Test
    void acceptsNamesAndPathsExactlyAtTheLimits() {
        assertThat(RelativePath.parse("x".repeat(255)).segments()).hasSize(1);
        assertThat(RelativePath.parse("\ud83d\ude00".repeat(63) + "abc").toString())
                .hasSize(129); // 255 bytes
        assertThat(PATH_OF_4096_BYTES.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
        assertThat(RelativePath.parse(PATH_OF_4096_BYTES).segments()).hasSize(17);
    }

    @Test
    void keepsNfcAndNfdSpellingsDistinctAndByteExact() {
        RelativePath nfc = RelativePath.parse("caf" + NFC_E);
        RelativePath nfd = RelativePath.parse("caf" + NFD_E);

        assertThat(nfc).isNotEqualTo(nfd);
        assertThat(nfc.compareTo(nfd)).isNotZero();
        assertThat(nfc.toString().getBytes(StandardCharsets.UTF_8)).containsExactly('c', 'a', 'f', 0xC3, 0xA9);
        assertThat(nfd.toString().getBytes(StandardCharsets.UTF_8)).containsExactly('c', 'a', 'f', 'e', 0xCC, 0x81);
    }

    @Test
    void rendersControlCharactersAndFormatCharactersEscapedInExceptions() {
        PathRejectedException nul =
                catchThrowableOfType(PathRejectedException.class, () -> RelativePath.parse("a\u0000b"));
        PathRejectedException bidi =
                catchThrowableOfType(PathRejectedException.class, () -> RelativePath.parse("\u202e/../x"));

        assertThat(nul.input()).isEqualTo("a\\u0000b");
        assertThat(nul.getMessage()).contains("'a\\u0000b'").doesNotContain("\u0000");
        assertThat(bidi.input()).isEqualTo("\\u202E/../x");
    }

    @Test
    void truncatesHugeInputInExceptions() {
        PathRejectedException e =
                catchThrowableOfType(PathRejectedException.class, () -> RelativePath.parse("a".repeat(10_000_000)));

        assertThat(e.getMessage()).hasSizeLessThan(500).contains("(10000000 chars)");
    }

    @Test
    void producesRootOnlyFromParseOrRoot() {
        assertThatThrownBy(() -> RelativePath.parse("")).isInstanceOf(PathRejectedException.class);
        assertThat(RelativePath.parseOrRoot("")).isSameAs(RelativePath.ROOT);
        assertThat(RelativePath.parseOrRoot("a/b")).isEqualTo(RelativePath.parse("a/b"));
        assertThatThrownBy(() -> RelativePath.parseOrRoot("/")).isInstanceOf(PathRejectedException.class);
        assertThat(RelativePath.ROOT.isRoot()).isTrue();
        assertThat(RelativePath.ROOT.segments()).isEmpty();
        assertThat(RelativePath.ROOT.toString()).isEmpty();
    }

    @Test
    void rootHasNeitherParentNorFileName() {
        assertThatThrownBy(RelativePath.ROOT::parent).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(RelativePath.ROOT::fileName).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exposesSegmentsParentAndFileName() {
        RelativePath path = RelativePath.parse("a/b/c.txt");

        assertThat(path.segments()).containsExactly("a", "b", "c.txt");
        assertThat(path.fileName()).isEqualTo("c.txt");
        assertThat(path.parent()).isEqualTo(RelativePath.parse("a/b"));
        assertThat(path.parent().parent().parent()).isSameAs(RelativePath.ROOT);
        assertThat(path.isRoot()).isFalse();
    }

    @Test
    void resolvesPathsAndSingleNames() {
        RelativePath a = RelativePath.parse("a");

        assertThat(a.resolve(RelativePath.parse("b/c"))).hasToString("a/b/c");
        assertThat(a.resolve(RelativePath.ROOT)).isSameAs(a);
        assertThat(RelativePath.ROOT.resolve(a)).isSameAs(a);
        assertThat(RelativePath.ROOT.resolve("x")).isEqualTo(RelativePath.parse("x"));
        assertThat(a.resolve("\uff0e\uff0e")).hasToString("a/\uff0e\uff0e");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "b/c", "/b", "b\u0000", "b\\c"})
    void refusesInvalidSingleNameInResolve(String segment) {
        assertThatThrownBy(() -> RelativePath.parse("a").resolve(segment)).isInstanceOf(PathRejectedException.class);
    }

    @Test
    void refusesResolveBeyondMaximumLength() {
        RelativePath long4095 = RelativePath.parse(PATH_OF_4096_BYTES.substring(0, 4095));

        assertThat(long4095.resolve(RelativePath.ROOT)).isSameAs(long4095);
        assertThatThrownBy(() -> long4095.resolve("b"))
                .isInstanceOf(PathRejectedException.class)
                .hasMessageContaining("4097 UTF-8 bytes");
    }

    @Test
    void startsWithComparesWholeSegments() {
        RelativePath ab = RelativePath.parse("ab");
        RelativePath aSlashB = RelativePath.parse("a/b");
        RelativePath a = RelativePath.parse("a");

        assertThat(ab.startsWith(a)).isFalse();
        assertThat(aSlashB.startsWith(a)).isTrue();
        assertThat(a.startsWith(a)).isTrue();
        assertThat(a.startsWith(aSlashB)).isFalse();
        assertThat(a.startsWith(RelativePath.ROOT)).isTrue();
        assertThat(RelativePath.ROOT.startsWith(a)).isFalse();
        assertThat(RelativePath.parse("a/bc").startsWith(aSlashB)).isFalse();
    }

    @Test
    void equalityIsExactAndConsistentWithHashCode() {
        assertThat(RelativePath.parse("a/b"))
                .isEqualTo(RelativePath.parse("a/b"))
                .hasSameHashCodeAs(RelativePath.parse("a/b"))
                .isNotEqualTo(RelativePath.parse("A/b"));
        assertThat(List.of(RelativePath.parse("x"))).doesNotContain(RelativePath.ROOT);
    }
}
