package io.meshlift.it.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the logs say about replicas, for checks the REST API cannot make: which assignments a replica
 * sent, and which replica an agent is connected to. The lines are the INFO messages of the coordinator's
 * {@code TransferScheduler} and of the agent's {@code CoordinatorLink}.
 */
final class ReplicaLog {

    private static final Pattern CONNECTED = Pattern.compile("connected to coordinator (\\S+) at ");
    private static final Pattern DOWN = Pattern.compile("coordinator link to \\S+ down: ");
    private static final Pattern ASSIGNED =
            Pattern.compile("assigned (\\S+) \\(job ([0-9a-f-]{36}), dataset (\\S+)\\) to (\\S+?)( again)?$");

    /** One assignment sent: a new attempt, or ({@code again}) the same assignment re-sent. */
    record Sent(String assignmentId, String dataset, String agent, boolean again) {}

    private ReplicaLog() {}

    /**
     * The replica id an agent's log says its control stream is on now, or null when its last word is that
     * the link is down (or it never connected).
     */
    static String connectedTo(Path agentLog) {
        String replica = null;
        for (String line : lines(agentLog)) {
            Matcher connected = CONNECTED.matcher(line);
            if (connected.find()) {
                replica = connected.group(1);
            } else if (DOWN.matcher(line).find()) {
                replica = null;
            }
        }
        return replica;
    }

    /** Assignments of {@code jobId} this replica sent, in log order. */
    static List<Sent> sent(Path log, String jobId) {
        List<Sent> sent = new ArrayList<>();
        for (String line : lines(log)) {
            Matcher matcher = ASSIGNED.matcher(line);
            if (matcher.find() && matcher.group(2).equals(jobId)) {
                sent.add(new Sent(matcher.group(1), matcher.group(3), matcher.group(4), matcher.group(5) != null));
            }
        }
        return sent;
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
