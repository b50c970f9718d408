package io.meshlift.core.units;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "512, 512",
        "4MiB, 4194304",
        "200MiB/s, 209715200",
        "1.5GiB, 1610612736",
        "10MB, 10000000",
        "1 KiB, 1024",
        "0, 0"
    })
    void parsesBinaryAndDecimalUnits(String text, long expected) {
        assertThat(ByteSize.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1MiB", "4 parsecs", "1.5B", "4MiBs"})
    void rejectsWhatIsNotASizeAndNamesIt(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1023, 1023 B", "1536, 1.5 KiB", "4194304, 4.0 MiB"})
    void formatsWithBinaryUnits(long bytes, String expected) {
        assertThat(ByteSize.format(bytes)).isEqualTo(expected);
    }
}
