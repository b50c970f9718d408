package io.meshlift.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.plan.Endpoint;
import io.meshlift.core.plan.MigrationPlan;
import io.meshlift.core.plan.PlanParseResult;
import io.meshlift.core.plan.PlanParser;
import io.meshlift.core.plan.PlanValidator;

/**
 * {@code examples/quickstart-plan.yaml}, read and validated with core's parser (the one the CLI and the
 * coordinator use) against the quickstart's agents, before the coordinator sees it.
 */
record QuickstartPlan(String yaml, MigrationPlan plan) {

    /** The one volume every quickstart agent exposes. */
    static final String VOLUME = "data";

    static QuickstartPlan read(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new QuickstartException("cannot read the plan " + file + ": " + e.getMessage(), e);
        }
        List<AgentId> agents =
                QuickstartSettings.AGENTS.stream().map(AgentId::of).toList();
        PlanParseResult result =
                PlanParser.parse(yaml, file.getFileName().toString(), PlanValidator.withKnownAgents(agents));
        if (!result.isValid()) {
            throw new QuickstartException("the plan " + file + " is not valid:\n" + result.formattedErrors());
        }
        MigrationPlan plan = result.orElseThrow();
        plan.datasets().stream()
                .flatMap(dataset -> Stream.concat(Stream.of(dataset.source()), dataset.destinations().stream()))
                .filter(endpoint -> !VOLUME.equals(endpoint.volume()))
                .findFirst()
                .ifPresent(endpoint -> {
                    throw new QuickstartException("the plan " + file + " names " + endpoint
                            + ", but the quickstart's agents expose only volume " + VOLUME);
                });
        return new QuickstartPlan(yaml, plan);
    }

    /** Where an endpoint of the plan is on disk, in the quickstart's layout. */
    static Path onDisk(WorkDir work, Endpoint endpoint) {
        Path volume = work.agentVolume(endpoint.agent().value());
        return endpoint.path().isRoot()
                ? volume
                : volume.resolve(endpoint.path().toString());
    }
}
