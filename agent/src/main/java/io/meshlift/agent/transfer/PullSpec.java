package io.meshlift.agent.transfer;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.units.ByteSize;

/**
 * A pull as written by people and stored on disk (JSON): strings and numbers only. {@link
 * #toRequest()} validates every field and reports all problems at once.
 */
public record PullSpec(
        String id,
        Source source,
        Destination destination,
        String chunkSize,
        String verify,
        List<String> include,
        List<String> exclude,
        String bandwidthLimit,
        Boolean deleteExtraneous,
        String grant,
        Integer concurrency) {

    /** The spec with another grant (base64 of an encoded SignedGrant). */
    public PullSpec withGrant(String fresh) {
        return new PullSpec(
                id,
                source,
                destination,
                chunkSize,
                verify,
                include,
                exclude,
                bandwidthLimit,
                deleteExtraneous,
                fresh,
                concurrency);
    }

    /** The grant's bytes; empty when the pull has none (admin-API pulls from a source in mesh mode). */
    public byte[] grantBytes() {
        if (grant == null || grant.isEmpty()) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(grant);
        } catch (IllegalArgumentException e) {
            throw new InvalidPullSpecException(List.of("grant: not base64"));
        }
    }

    public record Source(String agent, String host, Integer port, String volume, String path) {}

    public record Destination(String volume, String path) {}

    public PullRequest toRequest() {
        List<String> problems = new ArrayList<>();
        if (source == null) {
            problems.add("source: required (agent, host, port, volume, path)");
        }
        if (destination == null) {
            problems.add("destination: required (volume, path)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidPullSpecException(problems);
        }
        AgentId agent = attempt(problems, "source.agent", () -> AgentId.of(source.agent()));
        PeerEndpoint endpoint = agent == null
                ? null
                : attempt(
                        problems,
                        "source",
                        () -> new PeerEndpoint(agent, source.host(), source.port() == null ? 0 : source.port()));
        String sourceVolume = required(problems, "source.volume", source.volume());
        RelativePath sourcePath =
                attempt(problems, "source.path", () -> RelativePath.parseOrRoot(nullToEmpty(source.path())));
        String volume = required(problems, "destination.volume", destination.volume());
        RelativePath path =
                attempt(problems, "destination.path", () -> RelativePath.parseOrRoot(nullToEmpty(destination.path())));
        ChunkLayout layout = attempt(
                problems,
                "chunkSize",
                () -> chunkSize == null
                        ? ChunkLayout.DEFAULT
                        : new ChunkLayout(Math.toIntExact(ByteSize.parse(chunkSize))));
        VerifyMode mode = attempt(
                problems,
                "verify",
                () -> verify == null ? VerifyMode.FULL : VerifyMode.valueOf(verify.toUpperCase(Locale.ROOT)));
        Long limit =
                attempt(problems, "bandwidthLimit", () -> bandwidthLimit == null ? 0L : ByteSize.parse(bandwidthLimit));
        String pullId = required(problems, "id", id);
        attempt(problems, "grant", this::grantBytes);
        if (!problems.isEmpty()) {
            throw new InvalidPullSpecException(problems);
        }
        try {
            return new PullRequest(
                    pullId,
                    endpoint,
                    sourceVolume,
                    sourcePath,
                    volume,
                    path,
                    layout,
                    mode,
                    include == null ? List.of() : include,
                    exclude == null ? List.of() : exclude,
                    limit,
                    Boolean.TRUE.equals(deleteExtraneous),
                    concurrency == null ? 0 : concurrency);
        } catch (IllegalArgumentException e) {
            throw new InvalidPullSpecException(List.of(e.getMessage()));
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String required(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": required");
            return null;
        }
        return value;
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T attempt(List<String> problems, String field, Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | PathRejectedException | ArithmeticException e) {
            problems.add(field + ": " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            problems.add(field + ": " + e.getMessage());
            return null;
        }
    }
}
