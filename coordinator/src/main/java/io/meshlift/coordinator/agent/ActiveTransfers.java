package io.meshlift.coordinator.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.persistence.EntityManager;

/**
 * How many transfers each agent takes part in right now, counted in two grouped queries for the whole
 * agent list. SQL on the transfers table rather than the transfer package's types: the registry stays
 * independent of the job engine, which depends on it.
 */
record ActiveTransfers(Map<String, Long> pullingByAgent, Map<String, Long> servingByAgent) {

    private static final String ACTIVE = "state in ('ASSIGNED', 'RUNNING')";

    static ActiveTransfers count(EntityManager em) {
        return new ActiveTransfers(
                grouped(
                        em,
                        "select destination_agent, count(*) from transfers where " + ACTIVE
                                + " group by destination_agent"),
                grouped(em, "select source_agent, count(*) from transfers where " + ACTIVE + " group by source_agent"));
    }

    long pulling(String agentId) {
        return pullingByAgent.getOrDefault(agentId, 0L);
    }

    long serving(String agentId) {
        return servingByAgent.getOrDefault(agentId, 0L);
    }

    private static Map<String, Long> grouped(EntityManager em, String sql) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).getResultList();
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
