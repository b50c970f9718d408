package io.meshlift.core.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link PlanValidator} needs of one dataset, also for datasets that are otherwise invalid, so that a plan
 * with a bad chunk size still has its overlapping destinations reported in the same round.
 *
 * @param index position in {@code spec.datasets}
 * @param name the name if it was readable, else null
 * @param source the source if it was valid, else null
 * @param destinations one entry per destination in plan order, null where that destination was invalid
 */
record DatasetEndpoints(int index, String name, Endpoint source, List<Endpoint> destinations) {

    DatasetEndpoints {
        destinations = Collections.unmodifiableList(new ArrayList<>(destinations)); // null elements allowed
    }

    static DatasetEndpoints of(int index, DatasetSpec dataset) {
        return new DatasetEndpoints(index, dataset.name(), dataset.source(), dataset.destinations());
    }

    String path() {
        return FieldPath.index("spec.datasets", index);
    }

    String sourcePath() {
        return path() + ".source";
    }

    String destinationPath(int destination) {
        return FieldPath.index(path() + ".destinations", destination);
    }
}
