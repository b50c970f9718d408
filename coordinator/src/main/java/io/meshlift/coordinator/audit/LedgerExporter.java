package io.meshlift.coordinator.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Exports a job's ledger as JSON lines that {@link LedgerChain#verifyExport} (or {@code java
 * LedgerChain.java FILE}) verifies offline.
 *
 * <p>The export is the contiguous segment of the chain from the job's first record to its last. Records
 * of other jobs inside that segment keep their seq, job, kind, time, payload digest and hashes, but not
 * their payload: the chain stays verifiable end to end without showing one job's files to another
 * job's auditor.
 */
@ApplicationScoped
public class LedgerExporter {

    /** A prepared export; writing it streams the records page by page. */
    @FunctionalInterface
    public interface Export {
        void writeTo(OutputStream out) throws IOException;
    }

    private final LedgerReader reader;

    LedgerExporter(LedgerReader reader) {
        this.reader = reader;
    }

    /**
     * Checks the job exists now, so the caller can answer 404 before streaming starts.
     *
     * @throws io.meshlift.coordinator.job.JobNotFoundException if there is no such job
     */
    public Export exportJob(UUID jobId) {
        Optional<LedgerRepository.SeqRange> range = reader.rangeOf(jobId);
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (range.isPresent()) {
                try {
                    reader.scan(range.get().first(), range.get().last(), record -> {
                        write(writer, line(record, jobId));
                        return true;
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            writer.flush();
        };
    }

    static String line(LedgerRecord record, UUID exportedJob) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("seq", record.seq);
        line.put("jobId", record.jobId == null ? null : record.jobId.toString());
        line.put("kind", record.kind);
        line.put("recordedAt", record.recordedAt.toString());
        if (exportedJob.equals(record.jobId)) {
            line.put("payload", record.payload);
        }
        line.put("payloadSha256", LedgerChain.sha256Hex(record.payload));
        line.put("prevHash", record.prevHash);
        line.put("hash", record.hash);
        return CanonicalJson.write(line);
    }

    private static void write(Writer writer, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
