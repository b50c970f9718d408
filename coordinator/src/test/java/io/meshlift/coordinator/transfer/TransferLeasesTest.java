package io.meshlift.coordinator.transfer;

import io.quarkus.test.junit.QuarkusTest;

/** {@link TransferLeasesContract} on the embedded default, H2. */
@QuarkusTest
class TransferLeasesTest extends TransferLeasesContract {}
