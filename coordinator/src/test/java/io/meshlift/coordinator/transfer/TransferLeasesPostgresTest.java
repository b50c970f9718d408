package io.meshlift.coordinator.transfer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.meshlift.coordinator.PostgresTestProfile;

/** {@link TransferLeasesContract} on a real PostgreSQL server: claims use {@code FOR UPDATE SKIP LOCKED}. */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class TransferLeasesPostgresTest extends TransferLeasesContract {}
