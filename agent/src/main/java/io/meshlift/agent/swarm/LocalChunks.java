package io.meshlift.agent.swarm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import io.meshlift.core.path.RelativePath;

/**
 * What this agent holds verified of the datasets it is receiving right now, so that its peer server can
 * re-share exactly those chunks with the rest of the swarm. A dataset that is not being received is
 * served as a source serves it: from its files under their final names.
 *
 * <p>Lifecycle: a pull calls {@link #startReceiving} before it writes anything and {@link
 * #stopReceiving} when it ends (whatever the outcome); in between it records every chunk it has verified
 * and written, and every file it has verified and renamed into place.
 */
@ApplicationScoped
public class LocalChunks {

    private final Map<Key, ReceivingDataset> receiving = new ConcurrentHashMap<>();

    private record Key(String volume, RelativePath path) {}

    /** Starts tracking {@code volume}:{@code path}; a second pull into the same place replaces the first. */
    public ReceivingDataset startReceiving(String volume, RelativePath path) {
        ReceivingDataset dataset = new ReceivingDataset();
        receiving.put(new Key(volume, path), dataset);
        return dataset;
    }

    /** Stops tracking, unless another pull has replaced {@code dataset} meanwhile. */
    public void stopReceiving(String volume, RelativePath path, ReceivingDataset dataset) {
        receiving.remove(new Key(volume, path), dataset);
    }

    /** The dataset being received at {@code volume}:{@code path}, if a pull is writing there now. */
    public Optional<ReceivingDataset> receiving(String volume, RelativePath path) {
        return Optional.ofNullable(receiving.get(new Key(volume, path)));
    }
}
