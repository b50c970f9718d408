package io.meshlift.it.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a coordinator replica's log says it did, for checks the REST API cannot make: which agents
 * registered on its control channel, and which assignments it sent. The lines are the coordinator's INFO
 * messages of {@code AgentSession} and {@code TransferScheduler}.
 */
final class ReplicaLog {

    private static final Pattern REGISTERED = Pattern.compile("agent (\\S+) registered \\(version");
    private static final Pattern ASSIGNED =
            Pattern.compile("assigned (\\S+) \\(job ([0-9a-f-]{36}), dataset (\\S+)\\) to (\\S+?)( again)?$");

    /** One assignment sent: a new attempt, or ({@code again}) the same assignment re-sent. */
    record Sent(String assignmentId, String dataset, String agent, boolean again) {}

    private ReplicaLog() {}

    /** Agents that registered with this replica at least once. */
    static Set<String> registered(Path log) {
        Set<String> agents = new TreeSet<>();
        for (String line : lines(log)) {
            Matcher matcher = REGISTERED.matcher(line);
            if (matcher.find()) {
                agents.add(matcher.group(1));
            }
        }
        return agents;
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
