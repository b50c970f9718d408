package io.meshlift.quickstart;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the quickstart launcher that {@code bin/quickstart} runs after building. Exit codes: 0 the
 * quickstart ran and everything verified, 1 a step failed (the message says which and where the logs are),
 * 2 usage error.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = "Keycloak, a coordinator and three agents on loopback copy a sample plan, audited;"
                + " everything is left running (bin/quickstart --stop stops it).")
public final class QuickstartMain implements Callable<Integer> {

    @Option(names = "--root", defaultValue = ".", description = "The Meshlift source tree (built). Default: .")
    Path root;

    @Option(names = "--work", description = "Work directory. Default: <root>/.quickstart")
    Path work;

    @Option(
            names = "--base-port",
            defaultValue = "" + Ports.DEFAULT_BASE,
            description = "First of the loopback ports used (N to N+30). Default: ${DEFAULT-VALUE}")
    int basePort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new QuickstartMain()).execute(args));
    }

    @Override
    public Integer call() {
        Console console = new Console(System.out);
        Path workDir = (work != null ? work : root.resolve(".quickstart"))
                .toAbsolutePath()
                .normalize();
        // Ctrl-C (bin/quickstart forwards it as SIGTERM) ends the launcher, not what it started.
        Thread interrupted = new Thread(
                () -> System.err.println("\nquickstart interrupted; anything already started keeps running;"
                        + " stop it with: bin/quickstart --stop"),
                "quickstart-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            new Quickstart(QuickstartSettings.of(root, workDir, basePort), console).run();
            Runtime.getRuntime().removeShutdownHook(interrupted);
            return 0;
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(interrupted);
            System.err.println();
            // Expected failures carry a message for the user; anything else is named by its type as well.
            System.err.println(
                    "quickstart FAILED: " + (e instanceof QuickstartException ? e.getMessage() : e.toString()));
            System.err.println("Logs: " + workDir.resolve("logs") + " (Keycloak: "
                    + workDir.resolve("keycloak/keycloak.log") + ")");
            System.err.println(
                    "Anything already started keeps running for inspection; stop it with: bin/quickstart --stop");
            return 1;
        }
    }
}
