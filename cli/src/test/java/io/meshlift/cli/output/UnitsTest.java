package io.meshlift.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {

    @Test
    void bytesUseBinaryPrefixesWithOneDecimal() {
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(1023)).isEqualTo("1023 B");
        assertThat(Units.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Units.bytes(3L * 1024 * 1024 / 2)).isEqualTo("1.5 MiB");
        assertThat(Units.bytes(5L << 40)).isEqualTo("5.0 TiB");
    }

    @Test
    void ratesAreBytesPerSecond() {
        assertThat(Units.rate(20L << 20)).isEqualTo("20.0 MiB/s");
    }

    @Test
    void durationsShowTheTwoLargestUnitsAndADashWhenUnknown() {
        assertThat(Units.duration(null)).isEqualTo("-");
        assertThat(Units.duration(-1L)).isEqualTo("-");
        assertThat(Units.duration(45L)).isEqualTo("45s");
        assertThat(Units.duration(185L)).isEqualTo("3m05s");
        assertThat(Units.duration(2 * 3600L + 7 * 60 + 30)).isEqualTo("2h07m");
        assertThat(Units.duration(3 * 86_400L + 4 * 3600)).isEqualTo("3d04h");
    }

    @Test
    void percentIsUnknownUntilTheTotalIsKnown() {
        assertThat(Units.percent(5, 0)).isEqualTo("-");
        assertThat(Units.percent(1, 3)).isEqualTo("33.3%");
        assertThat(Units.percent(10, 10)).isEqualTo("100.0%");
    }
}
