package io.meshlift.core.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.meshlift.core.pki.AgentId;

/**
 * The checks that look across fields of a plan: unique dataset names, endpoints that would write into each other
 * (see {@link EndpointOverlaps}), and, only when the caller knows them, agents that do not exist.
 *
 * <p>The offline CLI does not know which agents exist, so {@link #offline()} skips that check; the coordinator
 * passes its registered agents to {@link #withKnownAgents(Collection)}. Instances are immutable and thread-safe.
 */
public final class PlanValidator {

    private static final int MAX_LISTED_AGENTS = 10;

    private final SortedSet<AgentId> knownAgents; // null: not known

    private PlanValidator(SortedSet<AgentId> knownAgents) {
        this.knownAgents = knownAgents;
    }

    /** Checks everything except whether agents exist. */
    public static PlanValidator offline() {
        return new PlanValidator(null);
    }

    /** Also reports every agent not in {@code agents}; an empty collection makes every agent unknown. */
    public static PlanValidator withKnownAgents(Collection<AgentId> agents) {
        return new PlanValidator(new TreeSet<>(Objects.requireNonNull(agents, "agents")));
    }

    /** The agents this validator accepts, or empty if it does not check agents. */
    public Optional<Set<AgentId>> knownAgents() {
        return Optional.ofNullable(knownAgents).map(Set::copyOf);
    }

    /**
     * Checks a plan that was not read from text (e.g. loaded from the database, to re-check it against the
     * agents registered now). The errors carry field paths but no line or column.
     *
     * @return every error, empty if the plan passes
     */
    public List<PlanError> validate(MigrationPlan plan) {
        List<DatasetEndpoints> datasets = new ArrayList<>();
        for (int i = 0; i < plan.datasets().size(); i++) {
            datasets.add(DatasetEndpoints.of(i, plan.datasets().get(i)));
        }
        ErrorSink errors = new ErrorSink(PlanParser.MAX_ERRORS);
        validate(datasets, PlanPositions.NONE, errors);
        return errors.errors().stream().sorted(PlanError.SOURCE_ORDER).toList();
    }

    /** Runs every check on datasets that may be partly invalid (null names or endpoints are skipped). */
    void validate(List<DatasetEndpoints> datasets, PlanPositions positions, ErrorSink errors) {
        uniqueNames(datasets, positions, errors);
        EndpointOverlaps.check(datasets, positions, errors);
        if (knownAgents != null) {
            knownAgents(datasets, positions, errors);
        }
    }

    private static void uniqueNames(List<DatasetEndpoints> datasets, PlanPositions positions, ErrorSink errors) {
        Map<String, DatasetEndpoints> byName = new HashMap<>();
        for (DatasetEndpoints dataset : datasets) {
            if (dataset.name() == null) {
                continue;
            }
            DatasetEndpoints first = byName.putIfAbsent(dataset.name(), dataset);
            if (first != null) {
                String path = dataset.path() + ".name";
                Position firstAt = positions.of(first.path() + ".name");
                errors.add(
                        positions.of(path),
                        path,
                        "dataset name '" + dataset.name() + "' is already used by "
                                + first.path() + (firstAt.line() > 0 ? " (line " + firstAt.line() + ")" : "")
                                + "; dataset names must be unique within a plan");
            }
        }
    }

    private void knownAgents(List<DatasetEndpoints> datasets, PlanPositions positions, ErrorSink errors) {
        for (DatasetEndpoints dataset : datasets) {
            if (dataset.source() != null) {
                checkAgent(dataset.source(), dataset.sourcePath() + ".agent", positions, errors);
            }
            for (int i = 0; i < dataset.destinations().size(); i++) {
                Endpoint destination = dataset.destinations().get(i);
                if (destination != null) {
                    checkAgent(destination, dataset.destinationPath(i) + ".agent", positions, errors);
                }
            }
        }
    }

    private void checkAgent(Endpoint endpoint, String path, PlanPositions positions, ErrorSink errors) {
        if (knownAgents.contains(endpoint.agent())) {
            return;
        }
        List<String> names = knownAgents.stream().map(AgentId::value).toList();
        String listed = knownAgents.isEmpty()
                ? " No agent is registered yet."
                : " Known agents: " + names.stream().limit(MAX_LISTED_AGENTS).collect(Collectors.joining(", "))
                        + (names.size() > MAX_LISTED_AGENTS
                                ? " and " + (names.size() - MAX_LISTED_AGENTS) + " more"
                                : "")
                        + ".";
        errors.add(
                positions.of(path),
                path,
                "unknown agent '" + endpoint.agent() + "': no agent with this id is registered."
                        + Suggestions.didYouMean(endpoint.agent().value(), names) + listed);
    }
}
