package io.meshlift.coordinator.job;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.meshlift.coordinator.PostgresTestProfile;

/** {@link JobRepositoryContract} on a real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class JobRepositoryPostgresTest extends JobRepositoryContract {}
