package io.meshlift.core.plan;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What identifies a plan: its name, and labels that tools can select on (as in Kubernetes).
 *
 * @param name a DNS label (see {@link DatasetSpec#NAME_RULE}); unique per coordinator
 * @param labels key/value pairs, sorted by key, immutable
 */
public record PlanMetadata(String name, Map<String, String> labels) {

    /**
     * @throws IllegalArgumentException if the name is not a DNS label
     * @throws NullPointerException if the labels, a key or a value is null
     */
    public PlanMetadata {
        if (!DatasetSpec.isValidName(name)) {
            throw new IllegalArgumentException(
                    "invalid plan name " + PlanText.quote(name) + ": " + DatasetSpec.NAME_HINT);
        }
        // Sorted so that equal plans render and hash their labels the same way.
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(labels)));
    }
}
