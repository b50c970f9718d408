package io.meshlift.coordinator;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a test class against PostgreSQL: the {@code postgres} profile of application.properties on top of
 * {@code test}, with the datasource pointed at the server {@link PostgresResource} starts. Quarkus
 * re-augments the application for this profile, so the build-time {@code db-kind} switch applies.
 */
public class PostgresTestProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "test,postgres";
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }
}
