package io.meshlift.coordinator.agent;

import io.quarkus.test.junit.QuarkusTest;

/** {@link AgentRepositoryContract} on the embedded default, H2. */
@QuarkusTest
class AgentRepositoryTest extends AgentRepositoryContract {}
