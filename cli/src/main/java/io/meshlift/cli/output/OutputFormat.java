package io.meshlift.cli.output;

/** How read commands print: a table for people, or the coordinator's JSON for scripts ({@code jq}). */
public enum OutputFormat {
    TABLE,
    JSON
}
