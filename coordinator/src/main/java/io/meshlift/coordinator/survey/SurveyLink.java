package io.meshlift.coordinator.survey;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * How a dry run reaches source agents: through the control streams this replica holds. Implemented by the
 * control channel; surveys never see gRPC types.
 */
public interface SurveyLink {

    /** Agents with an open, registered control stream on this replica. */
    Set<String> connectedAgents();

    /**
     * Queues the question for {@code agentId}. The future completes with the answer that agent sends on its
     * own stream (an answer from any other agent is ignored), or exceptionally when its stream closes first.
     * Cancelling the future forgets the question; a late answer is then dropped.
     *
     * @return empty if the agent has no open stream here or its queue is full
     */
    Optional<CompletableFuture<SurveyAnswer>> survey(String agentId, DatasetSurveyOrder order);
}
