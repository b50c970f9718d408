package io.meshlift.coordinator.plan;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;

import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.core.plan.InvalidPlanException;
import io.meshlift.core.plan.MigrationPlan;
import io.meshlift.core.plan.PlanParser;
import io.meshlift.core.plan.PlanValidator;

/** Applies plans (parse, validate against the registered agents, store verbatim) and reads them back. */
@ApplicationScoped
public class PlanService {

    /** How validation errors name the input. */
    static final String SOURCE_NAME = "request body";

    private final PlanRepository plans;
    private final AgentService agents;
    // Plans are immutable once stored, so their parsed form never goes stale.
    private final Map<UUID, MigrationPlan> parsed = new ConcurrentHashMap<>();

    PlanService(PlanRepository plans, AgentService agents) {
        this.plans = plans;
        this.agents = agents;
    }

    /**
     * Stores a plan whose every agent is registered.
     *
     * @param createdBy the name of the authenticated principal applying it
     * @throws InvalidPlanException listing every error with line and column
     */
    @Transactional
    public PlanView create(String yaml, String createdBy) {
        String text = yaml == null ? "" : yaml;
        MigrationPlan plan = PlanParser.parse(text, SOURCE_NAME, PlanValidator.withKnownAgents(agents.knownIds()))
                .orElseThrow();
        Plan row = new Plan();
        row.id = UUID.randomUUID();
        row.name = plan.metadata().name();
        row.yaml = text;
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.createdBy = createdBy;
        plans.persist(row);
        parsed.put(row.id, plan);
        return PlanView.of(row, plan, true);
    }

    /** Every plan, newest first, without its YAML. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PlanView> list() {
        return plans.listAll(Sort.descending("createdAt")).stream()
                .map(p -> PlanView.of(p, parse(p), false))
                .toList();
    }

    /**
     * @throws PlanNotFoundException if there is no such plan
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanView get(UUID id) {
        Plan plan = require(id);
        return PlanView.of(plan, parse(plan), true);
    }

    /**
     * The stored plan, parsed (cached: plans never change).
     *
     * @throws PlanNotFoundException if there is no such plan
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public MigrationPlan parsed(UUID id) {
        MigrationPlan plan = parsed.get(id);
        return plan != null ? plan : parse(require(id));
    }

    private Plan require(UUID id) {
        return plans.findByIdOptional(id).orElseThrow(() -> new PlanNotFoundException(id));
    }

    /**
     * Stored plans were valid when applied; they are re-read offline, so an agent that disappeared since
     * does not make an old plan unreadable.
     */
    private MigrationPlan parse(Plan plan) {
        return parsed.computeIfAbsent(
                plan.id, id -> PlanParser.parse(plan.yaml, "plan " + id).orElseThrow());
    }
}
