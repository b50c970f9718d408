package io.meshlift.coordinator.agent;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, String> {

    /** Every agent, by id. */
    public List<Agent> listById() {
        return listAll(Sort.by("id"));
    }
}
