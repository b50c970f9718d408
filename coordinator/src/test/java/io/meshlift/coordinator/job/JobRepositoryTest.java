package io.meshlift.coordinator.job;

import io.quarkus.test.junit.QuarkusTest;

/** {@link JobRepositoryContract} on the embedded default, H2. */
@QuarkusTest
class JobRepositoryTest extends JobRepositoryContract {}
