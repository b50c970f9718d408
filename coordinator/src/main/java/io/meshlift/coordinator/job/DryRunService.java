package io.meshlift.coordinator.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.meshlift.coordinator.agent.Agent;
import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.coordinator.plan.PlanService;
import io.meshlift.coordinator.survey.SurveyService;
import io.meshlift.coordinator.survey.SurveyTarget;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.core.manifest.DatasetSurvey;
import io.meshlift.core.plan.DatasetSpec;
import io.meshlift.core.plan.Endpoint;
import io.meshlift.core.plan.MigrationPlan;

/**
 * Answers {@code POST /api/v1/jobs} with {@code dryRun}: asks every dataset's source agent to count what
 * would move ({@link SurveyService}), estimates how long, stores and moves nothing.
 *
 * <p>No transaction is held while agents walk their datasets: the plan, agent states and rates are read
 * first, each in a short read of its own.
 */
@ApplicationScoped
public class DryRunService {

    /** Rates older than this say little about today's links and disks. */
    static final Duration RECENT = Duration.ofDays(7);

    /** Rates averaged into one estimate. */
    static final int RATES_AVERAGED = 10;

    private final PlanService plans;
    private final AgentService agents;
    private final TransferRepository transfers;
    private final SurveyService surveys;

    DryRunService(PlanService plans, AgentService agents, TransferRepository transfers, SurveyService surveys) {
        this.plans = plans;
        this.agents = agents;
        this.transfers = transfers;
        this.surveys = surveys;
    }

    /**
     * @throws io.meshlift.coordinator.plan.PlanNotFoundException if there is no such plan
     * @throws io.meshlift.coordinator.survey.SourceAgentUnavailableException a source agent cannot be asked
     * @throws io.meshlift.coordinator.survey.SurveyTimeoutException a source agent did not answer in time
     * @throws io.meshlift.coordinator.survey.SurveyFailedException a source agent cannot count its dataset
     */
    public JobDryRun dryRun(UUID planId) {
        MigrationPlan plan = QuarkusTransaction.requiringNew().call(() -> plans.parsed(planId));
        Map<String, DatasetSurvey> counts = surveys.survey(
                plan.datasets().stream().map(DryRunService::target).toList());
        List<JobDryRun.Item> items = new ArrayList<>();
        boolean ready = true;
        long files = 0;
        long bytes = 0;
        Long seconds = 0L;
        for (DatasetSpec dataset : plan.datasets()) {
            DatasetSurvey survey = counts.get(dataset.name());
            String sourceAgent = dataset.source().agent().value();
            String sourceState = agentState(sourceAgent);
            for (Endpoint destination : dataset.destinations()) {
                String destinationAgent = destination.agent().value();
                String destinationState = agentState(destinationAgent);
                ready &= sourceState.equals("ONLINE") && destinationState.equals("ONLINE");
                DurationEstimate estimate = DurationEstimate.of(
                        survey.bytes(),
                        dataset.settings().bandwidthLimit().bytesPerSecond(),
                        measuredRate(sourceAgent, destinationAgent));
                items.add(item(dataset, destination, sourceState, destinationState, survey, estimate));
                files += survey.files();
                bytes += survey.bytes();
                seconds = seconds == null || estimate.seconds() == null ? null : seconds + estimate.seconds();
            }
        }
        return new JobDryRun(
                planId,
                plan.metadata().name(),
                true,
                ready,
                items,
                new JobDryRun.Totals(items.size(), files, bytes, seconds),
                JobDryRun.NOTE);
    }

    private static SurveyTarget target(DatasetSpec dataset) {
        return new SurveyTarget(
                dataset.name(),
                dataset.source().agent().value(),
                dataset.source().volume(),
                dataset.source().path().toString(),
                dataset.include(),
                dataset.exclude());
    }

    private static JobDryRun.Item item(
            DatasetSpec dataset,
            Endpoint destination,
            String sourceState,
            String destinationState,
            DatasetSurvey survey,
            DurationEstimate estimate) {
        return new JobDryRun.Item(
                dataset.name(),
                dataset.source().toString(),
                destination.toString(),
                sourceState,
                destinationState,
                dataset.settings().verify().planName(),
                dataset.settings().chunkSize(),
                dataset.settings().bandwidthLimit().bytesPerSecond(),
                dataset.settings().concurrency(),
                survey.files(),
                survey.bytes(),
                survey.directories(),
                survey.symlinks(),
                survey.skipped(),
                estimate.seconds(),
                estimate.basis(),
                estimate.bytesPerSecond(),
                estimate.seconds() == null ? DurationEstimate.UNKNOWN_REASON : null);
    }

    /** Rates measured between these two agents if any, else between any agents: a link-specific figure first. */
    private OptionalLong measuredRate(String sourceAgent, String destinationAgent) {
        Instant since = Instant.now().minus(RECENT);
        return QuarkusTransaction.requiringNew().call(() -> {
            OptionalLong pair = transfers.recentRate(sourceAgent, destinationAgent, since, RATES_AVERAGED);
            return pair.isPresent() ? pair : transfers.recentRate(null, null, since, RATES_AVERAGED);
        });
    }

    private String agentState(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> agents.find(id).map((Agent a) -> a.state.name()).orElse("UNKNOWN"));
    }
}
