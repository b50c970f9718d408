package io.meshlift.agent.transfer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Per-file results of a pull as JSON lines, in manifest order: the agent's side of the audit trail.
 * Appended and flushed as files finish, so memory does not grow with the number of files.
 */
final class ResultLog implements AutoCloseable {

    private final ObjectMapper json;
    private final BufferedWriter out;

    ResultLog(Path file, ObjectMapper json) throws IOException {
        this.json = json;
        this.out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    synchronized void append(FileResult result) throws IOException {
        out.write(json.writeValueAsString(result));
        out.write('\n');
    }

    /** A destination entry removed because the source no longer lists it. */
    synchronized void deleted(ExtraneousEntries.Deleted entry) throws IOException {
        out.write(json.writeValueAsString(
                Map.of("path", entry.path(), "type", entry.type().name(), "size", entry.size(), "outcome", "DELETED")));
        out.write('\n');
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
