package io.meshlift.cli.certs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;

/** Local mesh PKI: a CA and agent certificates in a directory, for local use and tests. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        description = "Create a local mesh CA and agent certificates (on Kubernetes, cert-manager does this).",
        subcommands = {CertsCommand.Init.class, CertsCommand.Add.class})
public final class CertsCommand {

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Create a new mesh CA and certificates for the given agents.")
    static final class Init implements Callable<Integer> {

        @Option(
                names = "--dir",
                required = true,
                description = "Directory to write the CA and agent files into (must not hold a mesh yet).")
        Path dir;

        @Parameters(arity = "0..*", paramLabel = "AGENT", description = "Agent ids to issue certificates for.")
        List<String> agents = List.of();

        @Override
        public Integer call() {
            LocalMesh mesh =
                    LocalMesh.create(dir, agents.stream().map(AgentId::of).toList());
            System.out.println("mesh CA: " + mesh.caCertificate());
            for (AgentId agent : mesh.agents()) {
                System.out.println("agent " + agent + ": " + mesh.agent(agent).certificate());
            }
            return 0;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Issue certificates for more agents with an existing local mesh CA.")
    static final class Add implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "Directory of an existing local mesh.")
        Path dir;

        @Parameters(arity = "1..*", paramLabel = "AGENT", description = "Agent ids to issue certificates for.")
        List<String> agents;

        @Override
        public Integer call() {
            LocalMesh mesh = LocalMesh.open(dir);
            for (String agent : agents) {
                System.out.println("agent " + agent + ": "
                        + mesh.addAgent(AgentId.of(agent)).certificate());
            }
            return 0;
        }
    }
}
