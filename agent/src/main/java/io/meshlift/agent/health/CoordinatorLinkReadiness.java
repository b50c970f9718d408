package io.meshlift.agent.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.meshlift.agent.config.AgentConfig;
import io.meshlift.agent.coordinator.CoordinatorLink;

/**
 * With a coordinator configured, the agent is ready only while its control stream is up: without it the
 * agent gets no assignments and its reports wait in the outbox. Running pulls go on either way (they do
 * not depend on the link), which is why this is readiness and never liveness. Without a coordinator
 * (pulls through the admin API only) the check is up and says so.
 */
@Readiness
@ApplicationScoped
class CoordinatorLinkReadiness implements HealthCheck {

    static final String NAME = "coordinator link";

    private final AgentConfig config;
    private final CoordinatorLink link;

    CoordinatorLinkReadiness(AgentConfig config, CoordinatorLink link) {
        this.config = config;
        this.link = link;
    }

    @Override
    public HealthCheckResponse call() {
        if (config.coordinator().address().isEmpty()) {
            return HealthCheckResponse.named(NAME)
                    .up()
                    .withData("configured", false)
                    .build();
        }
        CoordinatorLink.LinkStatus status = link.status();
        return HealthCheckResponse.named(NAME)
                .status(status.connected())
                .withData("configured", true)
                .withData("connected", status.connected())
                .withData("reportsWaiting", status.pendingReports())
                .build();
    }
}
