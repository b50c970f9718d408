package io.meshlift.core.path;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The volumes one agent exposes: an immutable registry from name to {@link VolumeRoot}, built once at start-up
 * from configuration. Thread-safe.
 */
public final class Volumes {

    private final Map<String, VolumeRoot> byName;

    private Volumes(Map<String, VolumeRoot> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Opens every configured volume; see {@link VolumeRoot#open(String, Path)} for the rules on names and roots.
     * An empty map yields an agent without volumes.
     *
     * @throws IllegalArgumentException if any name or root is invalid (the first one found, in name order)
     * @throws NullPointerException if the map, a name or a root is null
     */
    public static Volumes of(Map<String, Path> roots) {
        Objects.requireNonNull(roots, "roots");
        TreeMap<String, VolumeRoot> byName = new TreeMap<>();
        // Sorted first so that the reported error does not depend on the map's iteration order.
        new TreeMap<>(roots).forEach((name, root) -> byName.put(name, VolumeRoot.open(name, root)));
        return new Volumes(byName);
    }

    /**
     * The volume with this name.
     *
     * @throws UnknownVolumeException listing the known names if there is none
     */
    public VolumeRoot get(String name) {
        return find(name).orElseThrow(() -> new UnknownVolumeException(name, List.copyOf(byName.keySet())));
    }

    /** The volume with this name, if any. */
    public Optional<VolumeRoot> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The names of all volumes, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    @Override
    public String toString() {
        return "Volumes" + byName.keySet();
    }
}
