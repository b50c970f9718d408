package io.meshlift.core.plan;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.meshlift.core.pki.AgentId;

/**
 * A valid migration plan: which datasets move from which agent to which agents, and how.
 *
 * <p>Contract: at least one dataset; dataset names are unique; every dataset's {@link DatasetSpec#settings()}
 * equals its {@link DatasetSpec#overrides()} applied on top of {@link #defaults()}; lists are immutable. The
 * positional checks of {@link PlanValidator} (overlapping endpoints, unknown agents) are not repeated here:
 * obtain plans from {@link PlanParser}, which runs them.
 *
 * @param metadata name and labels
 * @param defaults {@code spec.defaults} resolved on top of {@link TransferSettings#BUILT_IN}
 * @param bandwidthWindows time-of-day caps, in plan order
 * @param datasets the datasets, in plan order
 */
public record MigrationPlan(
        PlanMetadata metadata,
        TransferSettings defaults,
        List<BandwidthWindow> bandwidthWindows,
        List<DatasetSpec> datasets) {

    /** The only {@code apiVersion} this version reads. */
    public static final String API_VERSION = "meshlift/v1";

    /** The {@code kind} of a plan document. */
    public static final String KIND = "MigrationPlan";

    /**
     * @throws IllegalArgumentException if there is no dataset, two share a name, or a dataset's settings are not
     *     its overrides applied on top of {@code defaults}
     * @throws NullPointerException if any component or list element is null
     */
    public MigrationPlan {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(defaults, "defaults");
        bandwidthWindows = List.copyOf(bandwidthWindows);
        datasets = List.copyOf(datasets);
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one dataset");
        }
        Set<String> names = new HashSet<>();
        for (DatasetSpec dataset : datasets) {
            if (!names.add(dataset.name())) {
                throw new IllegalArgumentException("dataset name '" + dataset.name() + "' is used twice");
            }
            if (!dataset.overrides().applyTo(defaults).equals(dataset.settings())) {
                throw new IllegalArgumentException("dataset '" + dataset.name()
                        + "': settings are not its overrides applied on top of the plan defaults");
            }
        }
    }

    /** The dataset called {@code name}, if any. */
    public Optional<DatasetSpec> dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Every agent the plan names, as source or destination, sorted. */
    public SortedSet<AgentId> agents() {
        SortedSet<AgentId> agents = new TreeSet<>();
        for (DatasetSpec dataset : datasets) {
            agents.add(dataset.source().agent());
            dataset.destinations().forEach(d -> agents.add(d.agent()));
        }
        return Collections.unmodifiableSortedSet(agents);
    }
}
