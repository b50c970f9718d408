package io.meshlift.coordinator.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link EnrollmentContract} on a real PostgreSQL server: the conditional UPDATE and the migration there. */
@QuarkusTest
@TestProfile(EnrollmentPostgresProfile.class)
class EnrollmentPostgresTest extends EnrollmentContract {}
