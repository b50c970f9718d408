package io.meshlift.it.harness;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What {@code GET /admin/v1/pulls/{id}} answers, as far as the tests read it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PullStatus(
        String id,
        String state,
        boolean manifestComplete,
        long filesListed,
        long bytesListed,
        long filesDone,
        long filesUnchanged,
        long filesFailed,
        long bytesDone,
        long chunksFetched,
        long bytesFetched,
        long chunksReused,
        long chunksResumed,
        long chunksRejected,
        long entriesDeleted,
        String sourceDatasetDigest,
        String destinationDatasetDigest,
        List<String> skipped,
        long incidentCount,
        List<Incident> incidents,
        String error) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Incident(String kind, String peer, String path, int chunkIndex, String detail) {}

    public boolean terminal() {
        return SUCCEEDED.equals(state) || FAILED.equals(state) || "CANCELLED".equals(state);
    }

    /** One line for logs and assertion messages. */
    public String summary() {
        return id + " " + state + ": files " + filesDone + "/" + filesListed + " (" + filesUnchanged + " unchanged, "
                + filesFailed + " failed), chunks fetched " + chunksFetched + ", resumed " + chunksResumed
                + ", reused " + chunksReused + ", rejected " + chunksRejected + ", incidents " + incidentCount
                + (error == null ? "" : ", error: " + error);
    }
}
