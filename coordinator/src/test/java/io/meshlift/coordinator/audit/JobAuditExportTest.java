package io.meshlift.coordinator.audit;

import io.quarkus.test.junit.QuarkusTest;

/** {@link JobAuditExportContract} on H2. */
@QuarkusTest
class JobAuditExportTest extends JobAuditExportContract {}
