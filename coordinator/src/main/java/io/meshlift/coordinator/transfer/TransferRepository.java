package io.meshlift.coordinator.transfer;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class TransferRepository implements PanacheRepositoryBase<Transfer, UUID> {

    /** A job's transfers in a stable order: dataset, then destination. */
    public List<Transfer> listByJob(UUID jobId) {
        return list(
                "jobId",
                Sort.by("dataset")
                        .and("destinationAgent")
                        .and("destinationVolume")
                        .and("destinationPath"),
                jobId);
    }

    /**
     * The mean of the smoothed rates ({@link TransferRate}) last measured on up to {@code limit} transfers
     * from {@code sourceAgent} to {@code destinationAgent} that reported progress since {@code since}; empty
     * when none did. Either agent may be null for "any".
     */
    public OptionalLong recentRate(String sourceAgent, String destinationAgent, Instant since, int limit) {
        StringBuilder query = new StringBuilder("rateBytesPerSecond > 0 and progressAt >= :since");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("since", since);
        if (sourceAgent != null) {
            query.append(" and sourceAgent = :source");
            parameters.and("source", sourceAgent);
        }
        if (destinationAgent != null) {
            query.append(" and destinationAgent = :destination");
            parameters.and("destination", destinationAgent);
        }
        List<Transfer> recent = find(query.toString(), Sort.descending("progressAt"), parameters)
                .page(0, limit)
                .list();
        return recent.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(Math.round(recent.stream()
                        .mapToLong(t -> t.rateBytesPerSecond)
                        .average()
                        .orElseThrow()));
    }
}
