package io.meshlift.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {

    @Test
    void padsColumnsToTheWidestCellAndLeavesNoTrailingBlanks() {
        String text = new Table("ID", "STATE", "NOTE")
                .row("a", "RUNNING", "x")
                .row("longer-id", "OK", null)
                .render();

        assertThat(text)
                .isEqualTo("ID         STATE    NOTE\n" + "a          RUNNING  x\n" + "longer-id  OK       -\n");
    }

    @Test
    void keepsEachRowOnOneLineWhateverTheCellsHold() {
        String text = new Table("PATH").row("evil\nname\twith\rcontrols").render();

        assertThat(text.lines()).containsExactly("PATH", "evil\\nname\\twith\\rcontrols");
    }

    @Test
    void refusesARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells in a table of 2 columns");
    }
}
