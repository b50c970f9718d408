package io.meshlift.coordinator.logging;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.MDC;

import io.meshlift.coordinator.transfer.AssignmentIds;

/**
 * Puts the agent, assignment, transfer, job and dataset a report is about into the MDC, so every log line
 * written while it is handled carries them (JSON logs show them as fields). The keys are the same on the
 * agent, so one query follows a transfer across both sides.
 *
 * <p>A report is handled on the gRPC executor thread that delivered it, from start to acknowledgement,
 * including its transactions; {@link #close()} restores what the thread had before, so a pooled thread
 * never carries one report's ids into the next.
 */
public final class TransferLogContext implements AutoCloseable {

    public static final String AGENT = "agent";
    public static final String ASSIGNMENT = "assignmentId";
    public static final String TRANSFER = "transferId";
    public static final String JOB = "jobId";
    public static final String DATASET = "dataset";

    private static final String[] KEYS = {AGENT, ASSIGNMENT, TRANSFER, JOB, DATASET};

    private final Map<String, Object> previous = new HashMap<>();

    private TransferLogContext() {
        for (String key : KEYS) {
            previous.put(key, MDC.get(key));
        }
    }

    /** Opens the context of a report {@code agentId} sent about {@code assignmentId}. */
    public static TransferLogContext report(String agentId, String assignmentId) {
        TransferLogContext context = new TransferLogContext();
        put(AGENT, agentId);
        put(ASSIGNMENT, assignmentId);
        put(TRANSFER, AssignmentIds.transferId(assignmentId).map(UUID::toString).orElse(null));
        return context;
    }

    /** Adds what only the transfer's row knows, once it is loaded; a no-op outside an open context. */
    public static void transfer(UUID transferId, UUID jobId, String dataset) {
        if (MDC.get(AGENT) == null) {
            return;
        }
        put(TRANSFER, transferId.toString());
        put(JOB, jobId.toString());
        put(DATASET, dataset);
    }

    private static void put(String key, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
