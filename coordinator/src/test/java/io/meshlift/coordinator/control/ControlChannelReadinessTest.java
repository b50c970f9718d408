package io.meshlift.coordinator.control;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlChannelReadinessTest {

    @Test
    void aConfiguredChannelIsReadyOnlyWhileItServes() {
        assertThat(ControlChannelReadiness.status(true, true).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(ControlChannelReadiness.status(true, false).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void aCoordinatorWithoutControlTlsServesRestAndStaysReady() {
        HealthCheckResponse response = ControlChannelReadiness.status(false, false);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("configured", false);
    }
}
