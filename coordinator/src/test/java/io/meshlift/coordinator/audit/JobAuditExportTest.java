package io.meshlift.coordinator.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.meshlift.coordinator.security.Roles;

/** {@link JobAuditExportContract} on H2. */
@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class JobAuditExportTest extends JobAuditExportContract {}
