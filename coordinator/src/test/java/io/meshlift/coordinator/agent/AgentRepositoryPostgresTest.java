package io.meshlift.coordinator.agent;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.meshlift.coordinator.PostgresTestProfile;

/** {@link AgentRepositoryContract} on a real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class AgentRepositoryPostgresTest extends AgentRepositoryContract {}
