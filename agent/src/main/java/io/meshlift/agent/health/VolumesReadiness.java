package io.meshlift.agent.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.meshlift.agent.AgentRuntime;
import io.meshlift.core.path.VolumeRoot;

/**
 * Ready only while every configured volume is a readable directory: an unmounted disk or a removed
 * directory would otherwise serve an empty dataset (and a deleteExtraneous pull would refuse it, late).
 */
@Readiness
@ApplicationScoped
class VolumesReadiness implements HealthCheck {

    static final String NAME = "volumes";

    private final AgentRuntime runtime;

    VolumesReadiness(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> unreadable = new ArrayList<>();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        for (String name : runtime.volumes().names()) {
            VolumeRoot volume = runtime.volumes().get(name);
            Path root = volume.root();
            boolean readable = Files.isDirectory(root) && Files.isReadable(root) && Files.isExecutable(root);
            response.withData(name, readable ? "readable" : "NOT a readable directory: " + root);
            if (!readable) {
                unreadable.add(name);
            }
        }
        return response.status(unreadable.isEmpty()).build();
    }
}
