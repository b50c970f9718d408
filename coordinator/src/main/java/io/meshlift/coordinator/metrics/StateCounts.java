package io.meshlift.coordinator.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.meshlift.coordinator.job.JobState;
import io.meshlift.coordinator.transfer.TransferState;

/** Reads the state gauges from the database: four aggregate queries, one short read-only transaction. */
@ApplicationScoped
class StateCounts {

    private final EntityManager em;

    StateCounts(EntityManager em) {
        this.em = em;
    }

    StateSnapshot read() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new StateSnapshot(
                        byState("select j.state, count(j) from Job j group by j.state"),
                        byState("select t.state, count(t) from Transfer t group by t.state"),
                        byState("select a.state, count(a) from Agent a group by a.state"),
                        em.createQuery(
                                        "select count(t) from Transfer t, Job j where t.jobId = j.id"
                                                + " and t.state = :pending and j.state = :running",
                                        Long.class)
                                .setParameter("pending", TransferState.PENDING)
                                .setParameter("running", JobState.RUNNING)
                                .getSingleResult()));
    }

    private Map<String, Long> byState(String query) {
        List<Object[]> rows = em.createQuery(query, Object[].class).getResultList();
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put(((Enum<?>) row[0]).name(), ((Number) row[1]).longValue());
        }
        return Map.copyOf(counts);
    }
}
