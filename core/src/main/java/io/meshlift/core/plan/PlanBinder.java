package io.meshlift.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the document level of a plan ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}) and
 * delegates settings, windows and datasets to their binders.
 *
 * <p>Contract: every part that comes back empty has had its error reported, so the plan is complete exactly
 * when no error was reported.
 */
final class PlanBinder {

    static final List<String> ROOT_KEYS = List.of("apiVersion", "kind", "metadata", "spec");
    static final List<String> METADATA_KEYS = List.of("name", "labels");
    static final List<String> SPEC_KEYS = List.of("defaults", "bandwidthWindows", "datasets");

    // Kubernetes label syntax, so that labels can be carried over to Kubernetes objects unchanged.
    private static final String LABEL_NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?" + LABEL_NAME);
    private static final Pattern LABEL_VALUE = Pattern.compile("(" + LABEL_NAME + ")?");

    private PlanBinder() {}

    /** The parts of a plan that could be read; see the class contract. */
    record Parts(
            Optional<PlanMetadata> metadata,
            TransferSettings defaults,
            List<BandwidthWindow> windows,
            List<DatasetBinder.Result> datasets) {}

    static Parts read(YamlNode root, Binding b) {
        Parts empty = new Parts(Optional.empty(), TransferSettings.BUILT_IN, List.of(), List.of());
        if (!(root instanceof YamlNode.Mapping mapping)) {
            if (!(root instanceof YamlNode.Rejected)) {
                b.error(
                        root.position(),
                        "",
                        "a plan is a map with apiVersion, kind, metadata and spec; found " + root.describe());
            }
            return empty;
        }
        Fields f = new Fields(mapping, "", b, ROOT_KEYS);
        f.required("apiVersion", "start the plan with apiVersion: " + MigrationPlan.API_VERSION)
                .flatMap(n -> b.convert(n, "apiVersion", PlanBinder::apiVersion));
        f.required("kind", "write kind: " + MigrationPlan.KIND).flatMap(n -> b.convert(n, "kind", PlanBinder::kind));
        Optional<PlanMetadata> metadata =
                f.required("metadata", "e.g. metadata: { name: dc1-to-dc2 }").flatMap(n -> metadata(n, b));
        Optional<Fields> spec = f.required("spec", "describe the datasets under spec: { datasets: [...] }")
                .flatMap(n -> b.fields(n, "spec", SPEC_KEYS));
        if (spec.isEmpty()) {
            return new Parts(metadata, TransferSettings.BUILT_IN, List.of(), List.of());
        }
        TransferSettings defaults = spec.get()
                .optional("defaults")
                .flatMap(n -> b.fields(n, "spec.defaults", SettingsBinder.KEYS))
                .flatMap(d -> SettingsBinder.read(d, b))
                .map(o -> o.applyTo(TransferSettings.BUILT_IN))
                .orElse(TransferSettings.BUILT_IN); // when invalid, the error is out and datasets still get checked
        List<BandwidthWindow> windows = new ArrayList<>();
        spec.get()
                .optional("bandwidthWindows")
                .flatMap(n -> b.list(n, "spec.bandwidthWindows"))
                .ifPresent(items -> {
                    for (int i = 0; i < items.size(); i++) {
                        WindowBinder.read(items.get(i), i, b).ifPresent(windows::add);
                    }
                });
        List<DatasetBinder.Result> datasets = new ArrayList<>();
        spec.get()
                .required("datasets", "list the data to move under spec.datasets")
                .flatMap(n -> b.list(n, "spec.datasets"))
                .ifPresent(items -> {
                    if (items.isEmpty()) {
                        b.error(
                                spec.get().optional("datasets").orElseThrow().position(),
                                "spec.datasets",
                                "no dataset; a plan moves at least one dataset");
                    }
                    for (int i = 0; i < items.size(); i++) {
                        datasets.add(DatasetBinder.read(items.get(i), i, defaults, b));
                    }
                });
        return new Parts(metadata, defaults, windows, datasets);
    }

    private static String apiVersion(String text) {
        if (!text.equals(MigrationPlan.API_VERSION)) {
            throw new IllegalArgumentException("unsupported apiVersion " + PlanText.quote(text)
                    + "; this version of Meshlift reads apiVersion: " + MigrationPlan.API_VERSION);
        }
        return text;
    }

    private static String kind(String text) {
        if (!text.equals(MigrationPlan.KIND)) {
            throw new IllegalArgumentException(
                    "unsupported kind " + PlanText.quote(text) + "; a plan file has kind: " + MigrationPlan.KIND);
        }
        return text;
    }

    private static Optional<PlanMetadata> metadata(YamlNode node, Binding b) {
        Optional<Fields> maybeFields = b.fields(node, "metadata", METADATA_KEYS);
        if (maybeFields.isEmpty()) {
            return Optional.empty();
        }
        Fields f = maybeFields.get();
        Optional<String> name = f.required("name", "name the plan, e.g. name: dc1-to-dc2")
                .flatMap(n -> b.convert(n, "metadata.name", PlanBinder::planName));
        Optional<Map<String, String>> labels = f.optional("labels").isEmpty()
                ? Optional.of(Map.of())
                : b.fields(f.optional("labels").get(), "metadata.labels", null).flatMap(l -> labels(l, b));
        if (name.isEmpty() || labels.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlanMetadata(name.get(), labels.get()));
    }

    private static String planName(String text) {
        if (!DatasetSpec.isValidName(text)) {
            throw new IllegalArgumentException(
                    "invalid plan name " + PlanText.quote(text) + ": " + DatasetSpec.NAME_HINT);
        }
        return text;
    }

    private static Optional<Map<String, String>> labels(Fields f, Binding b) {
        Map<String, String> labels = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, YamlNode> entry : f.all().entrySet()) {
            String key = entry.getKey();
            String path = f.child(key);
            if (!LABEL_KEY.matcher(key).matches()) {
                b.error(
                        entry.getValue().position(),
                        path,
                        "invalid label key " + PlanText.quote(key) + ": use an"
                                + " optional DNS prefix and '/', then 1 to 63 letters, digits, '-', '_' or '.', starting"
                                + " and ending with a letter or digit (as in Kubernetes)");
                ok = false;
                continue;
            }
            Optional<String> value = b.convert(entry.getValue(), path, PlanBinder::labelValue);
            value.ifPresent(v -> labels.put(key, v));
            ok &= value.isPresent();
        }
        return ok ? Optional.of(labels) : Optional.empty();
    }

    private static String labelValue(String text) {
        if (!LABEL_VALUE.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid label value " + PlanText.quote(text) + ": use at most 63"
                    + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        return text;
    }
}
