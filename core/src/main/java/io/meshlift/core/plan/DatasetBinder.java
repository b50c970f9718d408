package io.meshlift.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.InvalidAgentIdException;

/** Reads one entry of {@code spec.datasets}: name, endpoints, patterns and setting overrides. */
final class DatasetBinder {

    static final List<String> ENDPOINT_KEYS = List.of("agent", "volume", "path");

    static final List<String> KEYS = Stream.concat(
                    Stream.of("name", "source", "destinations", "include", "exclude"), SettingsBinder.KEYS.stream())
            .toList();

    private DatasetBinder() {}

    /** A dataset as far as it could be read; {@code spec} is present only if nothing in it was wrong. */
    record Result(Optional<DatasetSpec> spec, DatasetEndpoints endpoints) {}

    static Result read(YamlNode node, int index, TransferSettings defaults, Binding b) {
        String path = FieldPath.index("spec.datasets", index);
        Optional<Fields> maybeFields = b.fields(node, path, KEYS);
        if (maybeFields.isEmpty()) {
            return new Result(Optional.empty(), new DatasetEndpoints(index, null, null, List.of()));
        }
        Fields f = maybeFields.get();
        Optional<String> name = f.required("name", "give the dataset a unique name such as 'billing-backups'")
                .flatMap(n -> b.convert(n, f.child("name"), DatasetBinder::name));
        Optional<Endpoint> source = f.required(
                        "source", "e.g. source: { agent: dc1-db-01, volume: data, path: backups/billing }")
                .flatMap(n -> endpoint(n, f.child("source"), b));
        List<Endpoint> destinations = new ArrayList<>();
        boolean destinationsOk = f.required(
                        "destinations",
                        "list one or more, e.g. destinations: [{ agent: dc2-db-01, volume: data,"
                                + " path: backups/billing }]")
                .flatMap(n -> b.list(n, f.child("destinations")))
                .map(items -> readDestinations(items, f, b, destinations))
                .orElse(false);
        Optional<List<String>> include = patterns(f, "include", b);
        Optional<List<String>> exclude = patterns(f, "exclude", b);
        Optional<SettingsOverrides> overrides = SettingsBinder.read(f, b);

        DatasetEndpoints endpoints = new DatasetEndpoints(index, name.orElse(null), source.orElse(null), destinations);
        if (name.isEmpty()
                || source.isEmpty()
                || !destinationsOk
                || include.isEmpty()
                || exclude.isEmpty()
                || overrides.isEmpty()) {
            return new Result(Optional.empty(), endpoints);
        }
        DatasetSpec spec = new DatasetSpec(
                name.get(),
                source.get(),
                destinations,
                include.get(),
                exclude.get(),
                overrides.get(),
                overrides.get().applyTo(defaults));
        return new Result(Optional.of(spec), endpoints);
    }

    /** Fills {@code out} with one entry per item (null where invalid); true if all are valid and there is one. */
    private static boolean readDestinations(List<YamlNode> items, Fields f, Binding b, List<Endpoint> out) {
        if (items.isEmpty()) {
            b.error(
                    f.optional("destinations").orElseThrow().position(),
                    f.child("destinations"),
                    "no destination; a dataset is copied to at least one agent, e.g. [{ agent: dc2-db-01, volume:"
                            + " data, path: backups/billing }]");
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Optional<Endpoint> destination = endpoint(items.get(i), FieldPath.index(f.child("destinations"), i), b);
            out.add(destination.orElse(null));
            ok &= destination.isPresent();
        }
        return ok;
    }

    static Optional<Endpoint> endpoint(YamlNode node, String path, Binding b) {
        Optional<Fields> maybeFields = b.fields(node, path, ENDPOINT_KEYS);
        if (maybeFields.isEmpty()) {
            return Optional.empty();
        }
        Fields f = maybeFields.get();
        Optional<AgentId> agent = f.required("agent", "name the agent, e.g. agent: dc1-db-01")
                .flatMap(n -> b.convert(n, f.child("agent"), DatasetBinder::agent));
        Optional<String> volume = f.required("volume", "name one of the agent's volumes, e.g. volume: data")
                .flatMap(n -> b.convert(n, f.child("volume"), DatasetBinder::volume));
        Optional<RelativePath> relative = f.required(
                        "path",
                        "give a directory relative to the volume, e.g. path: backups/billing, or path: \"\""
                                + " for the whole volume")
                .flatMap(n -> b.convert(n, f.child("path"), DatasetBinder::relativePath));
        if (agent.isEmpty() || volume.isEmpty() || relative.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Endpoint(agent.get(), volume.get(), relative.get()));
    }

    private static Optional<List<String>> patterns(Fields f, String key, Binding b) {
        Optional<YamlNode> node = f.optional(key);
        if (node.isEmpty()) {
            return Optional.of(List.of());
        }
        Optional<List<YamlNode>> items = b.list(node.get(), f.child(key));
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<String> patterns = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            Optional<String> glob =
                    b.convert(items.get().get(i), FieldPath.index(f.child(key), i), DatasetBinder::glob);
            glob.ifPresent(patterns::add);
            ok &= glob.isPresent();
        }
        return ok ? Optional.of(patterns) : Optional.empty();
    }

    private static String name(String text) {
        if (!DatasetSpec.isValidName(text)) {
            throw new IllegalArgumentException(
                    "invalid dataset name " + PlanText.quote(text) + ": " + DatasetSpec.NAME_HINT);
        }
        return text;
    }

    private static AgentId agent(String text) {
        try {
            return AgentId.of(text);
        } catch (InvalidAgentIdException e) {
            throw new IllegalArgumentException("invalid agent id " + PlanText.quote(text) + ": use 1 to 63 lowercase"
                    + " letters, digits, '.' or '-', starting and ending with a letter or digit (" + AgentId.RULE
                    + ")");
        }
    }

    private static String volume(String text) {
        if (!Endpoint.isValidVolume(text)) {
            throw new IllegalArgumentException(
                    "invalid volume name " + PlanText.quote(text) + ": " + Endpoint.VOLUME_HINT);
        }
        return text;
    }

    /** The empty string is the volume root: a plan may move a whole volume, but has to say so explicitly. */
    private static RelativePath relativePath(String text) {
        try {
            return RelativePath.parseOrRoot(text);
        } catch (PathRejectedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Checks a pattern with the same compiler the manifest builder will use, so a plan never fails later. */
    static String glob(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty pattern; remove it or write a glob such as '*.tmp'");
        }
        if (text.startsWith("/")) {
            throw new IllegalArgumentException("pattern " + PlanText.quote(text) + " starts with '/' and would never"
                    + " match: patterns match paths relative to the dataset root, write "
                    + PlanText.quote(text.replaceFirst("^/+", "")));
        }
        try {
            new PathFilter(List.of(text), List.of());
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof PatternSyntaxException syntax
                    ? syntax.getDescription()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("invalid glob pattern " + PlanText.quote(text) + ": " + reason
                    + " (globs use *, **, ?, [abc] and {a,b})");
        }
        return text;
    }
}
