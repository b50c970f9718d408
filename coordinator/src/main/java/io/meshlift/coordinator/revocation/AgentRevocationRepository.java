package io.meshlift.coordinator.revocation;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AgentRevocationRepository implements PanacheRepositoryBase<AgentRevocation, String> {}
