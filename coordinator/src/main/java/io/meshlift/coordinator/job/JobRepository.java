package io.meshlift.coordinator.job;

import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    /**
     * @throws JobNotFoundException naming the id
     */
    public Job require(UUID id) {
        return findByIdOptional(id).orElseThrow(() -> new JobNotFoundException(id));
    }
}
