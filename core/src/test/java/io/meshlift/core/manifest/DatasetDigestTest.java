package io.meshlift.core.manifest;

import org.junit.jupiter.api.Test;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.path.RelativePath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetDigestTest {

    private static final byte[] DIGEST = Sha256.of(new byte[] {'a'});

    @Test
    void formatsLinesExactlyAsSha256sum() {
        assertThat(DatasetDigest.sha256sumLine("dir/file name.txt", DIGEST))
                .isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  dir/file name.txt\n");
    }

    @Test
    void escapesBackslashAndNewlineAsCoreutilsDoes() {
        assertThat(DatasetDigest.sha256sumLine("b\\c", DIGEST))
                .startsWith("\\ca97")
                .endsWith("  b\\\\c\n");
        assertThat(DatasetDigest.sha256sumLine("x\ny", DIGEST)).endsWith("  x\\ny\n");
        assertThat(DatasetDigest.sha256sumLine("r\rr", DIGEST)).endsWith("  r\\rr\n");
    }

    @Test
    void refusesFilesOutOfPathByteOrder() {
        DatasetDigest digest = new DatasetDigest();
        digest.add(RelativePath.parse("b"), DIGEST);
        assertThatThrownBy(() -> digest.add(RelativePath.parse("a"), DIGEST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'a' came after 'b'");
    }

    @Test
    void emptyDatasetDigestIsTheDigestOfNothing() {
        assertThat(Sha256.hex(new DatasetDigest().finish()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
