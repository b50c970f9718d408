package io.meshlift.coordinator.audit;

import io.quarkus.test.junit.QuarkusTest;

/** {@link LedgerServiceContract} on the embedded default, H2. */
@QuarkusTest
class LedgerServiceTest extends LedgerServiceContract {}
