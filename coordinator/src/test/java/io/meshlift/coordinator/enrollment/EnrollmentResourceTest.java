package io.meshlift.coordinator.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link EnrollmentContract} on H2. */
@QuarkusTest
@TestProfile(EnrollmentProfile.class)
class EnrollmentResourceTest extends EnrollmentContract {}
