package io.meshlift.it.harness;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code POST /admin/v1/pulls}, written the way an operator would write it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullSpecJson(
        String id,
        Source source,
        Destination destination,
        String chunkSize,
        String verify,
        String bandwidthLimit,
        Boolean deleteExtraneous) {

    public record Source(String agent, String host, int port, String volume, String path) {}

    public record Destination(String volume, String path) {}

    /** A full-verify pull of {@code sourcePath} on {@code source}'s volume "data" into this agent's "data". */
    public static PullSpecJson fromAgent(
            String id,
            String sourceAgent,
            int sourcePeerPort,
            String sourcePath,
            String destinationPath,
            String chunkSize) {
        return new PullSpecJson(
                id,
                new Source(sourceAgent, "127.0.0.1", sourcePeerPort, "data", sourcePath),
                new Destination("data", destinationPath),
                chunkSize,
                "full",
                null,
                null);
    }

    public PullSpecJson withId(String newId) {
        return new PullSpecJson(newId, source, destination, chunkSize, verify, bandwidthLimit, deleteExtraneous);
    }

    public PullSpecJson withBandwidthLimit(String limit) {
        return new PullSpecJson(id, source, destination, chunkSize, verify, limit, deleteExtraneous);
    }

    public PullSpecJson withDeleteExtraneous() {
        return new PullSpecJson(id, source, destination, chunkSize, verify, bandwidthLimit, true);
    }
}
