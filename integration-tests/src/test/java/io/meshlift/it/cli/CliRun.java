package io.meshlift.it.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

import io.meshlift.cli.MeshliftCommand;

/**
 * Runs {@code meshlift} commands in this JVM, exactly as {@code main} would parse them, each with its own
 * login directory, and keeps everything they printed so that a test can check no output ever held a secret.
 */
final class CliRun {

    /** One command's outcome. */
    record Result(int exitCode, String out, String err) {

        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final Path configDir;
    private final List<String> printed;

    CliRun(Path configDir, List<String> printed) {
        this.configDir = configDir;
        this.printed = printed;
    }

    Path configDir() {
        return configDir;
    }

    /** {@code meshlift <args> --config-dir <this login's directory>}. */
    Result run(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        // Options of the leaf command: after the command names, which come first in every call here.
        line.add("--config-dir=" + configDir);
        return runExactly(line.toArray(String[]::new));
    }

    /** {@code meshlift <args>} without adding the login directory (for commands that take none). */
    Result runExactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MeshliftCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        Result result = new Result(exit, out.toString(), err.toString());
        printed.add(result.all());
        return result;
    }
}
