package io.meshlift.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.meshlift.bench.process.ProcessCpu;

/**
 * One benchmark run's result: environment, tables of figures, targets (met or not, never adjusted) and
 * notes. Printed to stdout and written as {@code <name>-<UTC timestamp>.md/.json} plus {@code <name>-latest.md}.
 */
public final class BenchReport {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A target with the measured value next to it. */
    public record Target(String what, String measured, String limit, boolean met) {}

    /** A Markdown table with a title; the JSON keeps the same rows keyed by the header. */
    public record Table(String title, List<String> header, List<List<String>> rows) {}

    private final String name;
    private final String title;
    private final Instant started = Instant.now();
    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchReport(String name, String title) {
        this.name = name;
        this.title = title;
        environment.put("timestamp", STAMP.format(started));
        environment.put("host_cpus", Runtime.getRuntime().availableProcessors());
        environment.put("loadavg_start", ProcessCpu.loadAverage());
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        String revision = System.getProperty("bench.git.revision");
        if (revision != null) {
            environment.put("git_revision", revision);
        }
    }

    public BenchReport environment(String key, Object value) {
        environment.put(key, value);
        return this;
    }

    /** A raw value for the JSON (numbers stay numbers). */
    public BenchReport raw(String key, Object value) {
        raw.put(key, value);
        return this;
    }

    public BenchReport table(Table table) {
        tables.add(table);
        return this;
    }

    public BenchReport target(String what, String measured, String limit, boolean met) {
        targets.add(new Target(what, measured, limit, met));
        return this;
    }

    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    public static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Prints the report and writes it under {@code resultsDir}; returns the Markdown file. */
    public Path write(Path resultsDir) {
        environment.put("loadavg_end", ProcessCpu.loadAverage());
        String markdown = markdown();
        System.out.println(markdown);
        String stamp = STAMP.format(started);
        try {
            Files.createDirectories(resultsDir);
            Path md = resultsDir.resolve(name + "-" + stamp + ".md");
            Files.writeString(md, markdown, StandardCharsets.UTF_8);
            Files.copy(md, resultsDir.resolve(name + "-latest.md"), StandardCopyOption.REPLACE_EXISTING);
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(resultsDir.resolve(name + "-" + stamp + ".json").toFile(), json());
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + resultsDir, e);
        }
    }

    private Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", name);
        root.put("title", title);
        root.put("environment", environment);
        root.put("figures", raw);
        List<Map<String, Object>> tableJson = new ArrayList<>();
        for (Table table : tables) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> row : table.rows()) {
                Map<String, String> keyed = new LinkedHashMap<>();
                for (int i = 0; i < table.header().size(); i++) {
                    keyed.put(table.header().get(i), row.get(i));
                }
                rows.add(keyed);
            }
            tableJson.add(Map.of("title", table.title(), "rows", rows));
        }
        root.put("tables", tableJson);
        root.put("targets", targets);
        root.put("notes", notes);
        return root;
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("| Environment | |\n|---|---|\n");
        environment.forEach((key, value) ->
                md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        md.append("\n## Targets\n\n| Target | Measured | Limit | Result |\n|---|---|---|---|\n");
        for (Target target : targets) {
            md.append("| ")
                    .append(target.what())
                    .append(" | ")
                    .append(target.measured())
                    .append(" | ");
            md.append(target.limit())
                    .append(" | ")
                    .append(target.met() ? "met" : "**NOT MET**")
                    .append(" |\n");
        }
        for (Table table : tables) {
            md.append("\n## ").append(table.title()).append("\n\n| ");
            md.append(String.join(" | ", table.header())).append(" |\n|");
            md.append("---|".repeat(table.header().size())).append("\n");
            for (List<String> row : table.rows()) {
                md.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append("\n"));
        }
        return md.toString();
    }
}
