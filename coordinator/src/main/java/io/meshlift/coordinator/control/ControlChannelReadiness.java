package io.meshlift.coordinator.control;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.meshlift.coordinator.config.CoordinatorConfig;

/**
 * Readiness of the agent control channel. A coordinator configured for it (all three TLS files) is ready
 * only while its server serves: otherwise agents cannot reach this replica and it assigns nothing. One
 * configured without TLS serves REST only by design, says so in the check's data, and stays ready.
 */
@Readiness
@ApplicationScoped
class ControlChannelReadiness implements HealthCheck {

    static final String NAME = "agent control channel";

    private final ControlServer server;
    private final CoordinatorConfig config;

    ControlChannelReadiness(ControlServer server, CoordinatorConfig config) {
        this.server = server;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        CoordinatorConfig.Tls tls = config.tls();
        boolean configured =
                tls.cert().isPresent() && tls.key().isPresent() && tls.ca().isPresent();
        return status(configured, server.isRunning());
    }

    static HealthCheckResponse status(boolean configured, boolean running) {
        if (!configured) {
            return HealthCheckResponse.named(NAME)
                    .up()
                    .withData("configured", false)
                    .withData("note", "coordinator.tls.* unset: REST only, no agent can connect")
                    .build();
        }
        return HealthCheckResponse.named(NAME)
                .status(running)
                .withData("configured", true)
                .withData("serving", running)
                .build();
    }
}
