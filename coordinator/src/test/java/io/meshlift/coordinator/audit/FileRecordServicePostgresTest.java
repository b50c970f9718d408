package io.meshlift.coordinator.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.meshlift.coordinator.PostgresTestProfile;

/** {@link FileRecordServiceContract} on a real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class FileRecordServicePostgresTest extends FileRecordServiceContract {}
