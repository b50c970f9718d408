package io.meshlift.agent.transfer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import com.google.protobuf.InvalidProtocolBufferException;
import org.jboss.logging.MDC;

import io.meshlift.proto.grant.v1.PeerGrant;
import io.meshlift.proto.grant.v1.SignedGrant;

/**
 * The log context (MDC) of one pull: which pull, assignment, transfer, job and dataset a log line is
 * about. The keys are the coordinator's, so one query follows a transfer across both sides.
 *
 * <p>The MDC is per thread and a pull runs on several: its runner thread ({@link #apply} around the run),
 * its file workers ({@link #threads}, created for this pull only), and gRPC's executor, which delivers the
 * source's answers ({@link LogContextInterceptor}). Each of them restores what the thread had before, so
 * pooled threads never carry one pull's ids into another's lines.
 *
 * <p>Job, assignment and dataset come from the pull's grant, read without checking its signature: they
 * label log lines and decide nothing. Pulls without a grant (admin API) carry their pull id only.
 */
final class PullLogContext {

    static final String PULL = "pullId";
    static final String ASSIGNMENT = "assignmentId";
    static final String TRANSFER = "transferId";
    static final String JOB = "jobId";
    static final String DATASET = "dataset";

    private final Map<String, String> values;

    private PullLogContext(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static PullLogContext of(String pullId, byte[] grant) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PULL, pullId);
        PeerGrant decoded = decode(grant);
        if (decoded != null) {
            put(values, JOB, decoded.getJobId());
            put(values, ASSIGNMENT, decoded.getAssignmentId());
            put(values, DATASET, decoded.getDataset());
            String assignment = decoded.getAssignmentId();
            int slash = assignment.indexOf('/');
            put(values, TRANSFER, slash > 0 ? assignment.substring(0, slash) : "");
        }
        return new PullLogContext(values);
    }

    Map<String, String> values() {
        return values;
    }

    /** Puts the context on the current thread; closing the scope restores what the thread had. */
    Scope apply() {
        Map<String, Object> previous = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            previous.put(key, MDC.get(key));
            MDC.put(key, value);
        });
        return () -> previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /** Threads that carry this context for their whole life: for executors owned by the pull. */
    ThreadFactory threads(ThreadFactory named) {
        return runnable -> named.newThread(() -> {
            try (Scope ignored = apply()) {
                runnable.run();
            }
        });
    }

    /** An MDC scope; closing it never throws. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isEmpty()) {
            values.put(key, value);
        }
    }

    private static PeerGrant decode(byte[] grant) {
        if (grant == null || grant.length == 0) {
            return null;
        }
        try {
            return PeerGrant.parseFrom(SignedGrant.parseFrom(grant).getGrant());
        } catch (InvalidProtocolBufferException e) {
            return null; // a grant the source will refuse anyway; the pull's log lines keep its id
        }
    }
}
