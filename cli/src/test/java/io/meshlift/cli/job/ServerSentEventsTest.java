package io.meshlift.cli.job;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventsTest {

    @Test
    void joinsDataLinesPerEventAndSkipsCommentsAndOtherFields() throws Exception {
        String stream = ": keep-alive\n"
                + "event: job\n"
                + "data:{\"state\":\"RUNNING\"}\n"
                + "\n"
                + "id: 2\n"
                + "data: {\"a\":\n"
                + "data: 1}\n"
                + "\n"
                + "\n"
                + "data:{\"state\":\"SUCCEEDED\"}";
        List<String> events = new ArrayList<>();

        ServerSentEvents.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), events::add);

        assertThat(events).containsExactly("{\"state\":\"RUNNING\"}", "{\"a\":\n1}", "{\"state\":\"SUCCEEDED\"}");
    }
}
