package io.meshlift.core.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/plan-format.md documents every field the parser accepts, so the two cannot drift apart silently. */
class PlanFormatDocTest {

    @Test
    void documentsEveryFieldInAReferenceTable() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "plan-format.md"));
        List<String> fields = Stream.of(
                        PlanBinder.ROOT_KEYS,
                        PlanBinder.METADATA_KEYS,
                        PlanBinder.SPEC_KEYS,
                        SettingsBinder.KEYS,
                        DatasetBinder.KEYS,
                        DatasetBinder.ENDPOINT_KEYS,
                        WindowBinder.KEYS)
                .flatMap(List::stream)
                .distinct()
                .toList();

        assertThat(fields).allSatisfy(field -> assertThat(doc).contains("\n| `" + field + "` |"));
    }
}
