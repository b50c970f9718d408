package io.meshlift.agent.coordinator;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The agent of {@link CoordinatorLinkTest}: see {@link LinkFixture}. */
public class CoordinatorLinkTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return LinkFixture.config();
    }
}
