package io.meshlift.cli.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} (the WHATWG server-sent events format): {@code data:} lines are joined
 * with newlines and handed over at each blank line; comments ({@code :}) and other fields are skipped.
 */
final class ServerSentEvents {

    private ServerSentEvents() {}

    /** Reads until the stream ends, passing each event's data to {@code events}. */
    static void read(InputStream stream, Consumer<String> events) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            StringBuilder data = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.accept(data.toString());
                        data = null;
                    }
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
            if (data != null) {
                events.accept(data.toString());
            }
        }
    }
}
