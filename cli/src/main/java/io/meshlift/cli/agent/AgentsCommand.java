package io.meshlift.cli.agent;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorOptions;
import io.meshlift.cli.output.OutputOptions;
import io.meshlift.cli.output.Table;
import io.meshlift.cli.output.Units;

/** Agents as the coordinator knows them ({@code GET /api/v1/agents}). */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "Agents registered with the coordinator.",
        subcommands = {AgentsCommand.List.class})
public final class AgentsCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every registered agent with its state, last heartbeat, volumes and transfers.")
    static final class List implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        CoordinatorOptions coordinator;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            JsonNode agents = coordinator.client().get("/api/v1/agents");
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                OutputOptions.printJson(out, agents);
                return ExitCodes.OK;
            }
            if (agents.isEmpty()) {
                out.println("no agents registered");
                out.flush();
                return ExitCodes.OK;
            }
            Table table = new Table("ID", "STATE", "LAST SEEN", "VOLUMES (free/total)", "PULLING", "SERVING");
            for (JsonNode agent : agents) {
                java.util.List<String> volumes = new ArrayList<>();
                for (JsonNode volume : agent.path("volumes")) {
                    volumes.add(volume.path("name").asText() + " "
                            + Units.bytes(volume.path("freeBytes").asLong()) + "/"
                            + Units.bytes(volume.path("totalBytes").asLong()));
                }
                table.row(
                        agent.path("id").asText(),
                        agent.path("state").asText(),
                        agent.path("lastSeen").asText(null),
                        String.join(", ", volumes),
                        agent.path("activeTransfers").asLong(),
                        agent.path("servingTransfers").asLong());
            }
            table.print(out);
            return ExitCodes.OK;
        }
    }
}
