package io.meshlift.coordinator.enrollment;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The coordinator with a mesh CA to sign enrollment CSRs (H2). */
public class EnrollmentProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MeshCaResource.class));
    }
}
