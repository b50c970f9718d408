package io.meshlift.coordinator.audit;

import io.quarkus.test.junit.QuarkusTest;

/** {@link FileRecordServiceContract} on the embedded default, H2. */
@QuarkusTest
class FileRecordServiceTest extends FileRecordServiceContract {}
