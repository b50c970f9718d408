package io.meshlift.coordinator.survey;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;

import io.meshlift.coordinator.agent.Agent;
import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.coordinator.agent.AgentState;
import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.core.manifest.DatasetSurvey;

/**
 * Asks source agents to count their datasets for a dry run, all at once, and waits for every answer
 * within one deadline ({@code coordinator.jobs.dry-run-timeout}), so a plan of many datasets costs the
 * slowest walk, not their sum.
 *
 * <p>Only this replica's control streams are used. With several replicas, the source agent's stream may be
 * held by another one; the dry run then answers 503 saying so rather than relaying through the database:
 * a survey is an interactive question whose answer is worthless a few seconds later, the database is the
 * coordination engine for durable state only, and a retry (or the load balancer's next pick) reaches the
 * right replica. Surveys are not stored anywhere.
 */
@ApplicationScoped
public class SurveyService {

    private final SurveyLink link;
    private final AgentService agents;
    private final Duration deadline;

    SurveyService(SurveyLink link, AgentService agents, CoordinatorConfig config) {
        this.link = link;
        this.agents = agents;
        this.deadline = config.jobs().dryRunTimeout();
    }

    /**
     * @return each target's counts, by dataset name
     * @throws SourceAgentUnavailableException a source agent is unknown, offline, connected to another replica
     *     or not reading its stream
     * @throws SurveyTimeoutException a source agent did not answer in time
     * @throws SurveyFailedException a source agent could not survey its dataset
     */
    public Map<String, DatasetSurvey> survey(List<SurveyTarget> targets) {
        Set<String> connected = link.connectedAgents();
        for (SurveyTarget target : targets) {
            requireReachable(target, connected);
        }
        Map<SurveyTarget, CompletableFuture<SurveyAnswer>> asked = new LinkedHashMap<>();
        try {
            for (SurveyTarget target : targets) {
                DatasetSurveyOrder order = new DatasetSurveyOrder(
                        UUID.randomUUID().toString(),
                        target.volume(),
                        target.path(),
                        target.include(),
                        target.exclude());
                asked.put(
                        target,
                        link.survey(target.agent(), order)
                                .orElseThrow(() -> new SourceAgentUnavailableException(
                                        target.agent(),
                                        "source agent " + target.agent() + " of dataset '" + target.dataset()
                                                + "' is not reading its control stream (stream closed or its"
                                                + " outbound queue full); try again")));
            }
            return answers(asked, System.nanoTime() + deadline.toNanos());
        } finally {
            asked.values().forEach(answer -> answer.cancel(false));
        }
    }

    private void requireReachable(SurveyTarget target, Set<String> connected) {
        String id = target.agent();
        if (connected.contains(id)) {
            return;
        }
        String dataset = "dataset '" + target.dataset() + "'";
        Agent agent = agents.find(id).orElse(null);
        if (agent == null) {
            throw new SourceAgentUnavailableException(
                    id, "source agent " + id + " of " + dataset + " has never registered with the coordinator");
        }
        if (agent.state != AgentState.ONLINE) {
            throw new SourceAgentUnavailableException(
                    id,
                    "source agent " + id + " of " + dataset + " is " + agent.state + " (last seen " + agent.lastSeen
                            + "); a dry run needs it online to count the dataset");
        }
        throw new SourceAgentUnavailableException(
                id,
                "source agent " + id + " of " + dataset + " is connected to another coordinator replica; a dry"
                        + " run asks agents over this replica's control streams only. Retry (another replica may"
                        + " answer) or send the request to the replica holding the agent's stream");
    }

    private Map<String, DatasetSurvey> answers(
            Map<SurveyTarget, CompletableFuture<SurveyAnswer>> asked, long deadlineNanos) {
        Map<String, DatasetSurvey> counts = new LinkedHashMap<>();
        for (Map.Entry<SurveyTarget, CompletableFuture<SurveyAnswer>> entry : asked.entrySet()) {
            SurveyTarget target = entry.getKey();
            SurveyAnswer answer = await(target, entry.getValue(), deadlineNanos);
            if (answer.failed()) {
                throw new SurveyFailedException(target.agent(), target.dataset(), target.where(), answer.error());
            }
            counts.put(target.dataset(), answer.counts());
        }
        return counts;
    }

    private SurveyAnswer await(SurveyTarget target, CompletableFuture<SurveyAnswer> answer, long deadlineNanos) {
        try {
            return answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SurveyTimeoutException(target.agent(), target.dataset(), target.where(), deadline);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SourceAgentUnavailableException(
                    target.agent(),
                    "source agent " + target.agent() + " went away before answering the survey of dataset '"
                            + target.dataset() + "': " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceAgentUnavailableException(target.agent(), "the dry run was interrupted");
        }
    }
}
