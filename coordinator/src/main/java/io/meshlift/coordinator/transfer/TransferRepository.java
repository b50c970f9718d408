package io.meshlift.coordinator.transfer;

import java.util.List;
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
}
