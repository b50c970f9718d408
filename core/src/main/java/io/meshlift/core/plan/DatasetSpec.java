package io.meshlift.core.plan;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.meshlift.core.manifest.PathFilter;

/**
 * One dataset of a plan: a source directory copied to one or more destinations, with its include/exclude
 * patterns and settings.
 *
 * <p>Contract: the name matches {@link #NAME_RULE}; there is at least one destination; lists are immutable.
 * Checks between endpoints (a destination equal to, inside or containing the source, duplicates) belong to
 * {@link PlanValidator}, which can point at their lines.
 *
 * @param name unique within the plan; used in job, audit and grant records
 * @param source where the data is read
 * @param destinations where it is written, in plan order
 * @param include globs a file must match to be copied; empty means every file
 * @param exclude globs of entries that are skipped (excluded directories are not walked)
 * @param overrides the settings this dataset names itself
 * @param settings the effective settings: {@code overrides} applied on top of the plan's defaults
 */
public record DatasetSpec(
        String name,
        Endpoint source,
        List<Endpoint> destinations,
        List<String> include,
        List<String> exclude,
        SettingsOverrides overrides,
        TransferSettings settings) {

    /** A DNS label: 1 to 63 lowercase letters, digits and {@code -}, starting and ending with a letter or digit. */
    public static final String NAME_RULE = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    static final String NAME_HINT =
            "use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit (a DNS label)";

    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    /**
     * @throws IllegalArgumentException if the name breaks {@link #NAME_RULE} or there is no destination
     * @throws NullPointerException if any component or list element is null
     */
    public DatasetSpec {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid dataset name " + PlanText.quote(name) + ": " + NAME_HINT);
        }
        Objects.requireNonNull(source, "source");
        destinations = List.copyOf(destinations);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(settings, "settings");
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name + "' has no destination");
        }
    }

    /** Whether {@code name} matches {@link #NAME_RULE}. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The include/exclude patterns as a filter for building the manifest.
     *
     * @throws IllegalArgumentException if a pattern is not a valid glob (a parsed plan never has one)
     */
    public PathFilter filter() {
        return new PathFilter(include, exclude);
    }
}
