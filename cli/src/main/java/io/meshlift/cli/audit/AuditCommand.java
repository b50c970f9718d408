package io.meshlift.cli.audit;

import picocli.CommandLine.Command;

/** A job's audit: show it, export it for standard tools, verify a local tree against it. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show, export and verify a job's audit of file checksums.",
        subcommands = {AuditShowCommand.class, AuditExportCommand.class, AuditVerifyCommand.class})
public final class AuditCommand {}
