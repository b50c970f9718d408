package io.meshlift.coordinator.plan;

import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, UUID> {}
