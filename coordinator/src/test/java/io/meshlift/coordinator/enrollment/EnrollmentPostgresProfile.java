package io.meshlift.coordinator.enrollment;

import java.util.ArrayList;
import java.util.List;

import io.meshlift.coordinator.PostgresTestProfile;

/** {@link EnrollmentProfile} on a real PostgreSQL server. */
public class EnrollmentPostgresProfile extends PostgresTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(MeshCaResource.class));
        return resources;
    }
}
