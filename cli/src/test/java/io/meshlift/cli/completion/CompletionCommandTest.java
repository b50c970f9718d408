package io.meshlift.cli.completion;

import org.junit.jupiter.api.Test;

import io.meshlift.cli.CommandRun;
import io.meshlift.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionCommandTest {

    @Test
    void printsABashCompletionScriptCoveringTheWholeCommandTree() {
        CommandRun run = CommandRun.of("completion");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_meshlift")
                // subcommands at every level, and their options
                .contains("_picocli_meshlift_jobs_watch")
                .contains("_picocli_meshlift_audit_verify")
                .contains("--client-secret-file")
                .contains("--dry-run");
    }
}
