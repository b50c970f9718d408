package io.meshlift.coordinator.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

import io.meshlift.coordinator.PostgresTestProfile;
import io.meshlift.coordinator.security.Roles;

/** {@link JobAuditExportContract} on a real PostgreSQL server. */
@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
@TestProfile(PostgresTestProfile.class)
class JobAuditExportPostgresTest extends JobAuditExportContract {}
