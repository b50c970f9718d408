package io.meshlift.coordinator.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.meshlift.coordinator.PostgresTestProfile;

/** {@link JobAuditExportContract} on a real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class JobAuditExportPostgresTest extends JobAuditExportContract {}
