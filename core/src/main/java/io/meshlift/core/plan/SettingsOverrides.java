package io.meshlift.core.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * The settings a plan names explicitly, at {@code spec.defaults} or on one dataset; what is empty is inherited.
 * Kept apart from {@link TransferSettings} so that tools can show where an effective value came from.
 */
public record SettingsOverrides(
        Optional<VerifyMode> verify,
        Optional<Integer> chunkSize,
        Optional<BandwidthLimit> bandwidthLimit,
        Optional<Integer> concurrency,
        Optional<Integer> retries,
        Optional<Boolean> deleteExtraneous,
        Optional<Boolean> swarm) {

    /** Names nothing: everything is inherited. */
    public static final SettingsOverrides NONE = new SettingsOverrides(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public SettingsOverrides {
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(chunkSize, "chunkSize");
        Objects.requireNonNull(bandwidthLimit, "bandwidthLimit");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(deleteExtraneous, "deleteExtraneous");
        Objects.requireNonNull(swarm, "swarm");
    }

    /**
     * The settings that result from these overrides on top of {@code base}.
     *
     * @throws IllegalArgumentException if an overriding value is out of range (see {@link TransferSettings})
     */
    public TransferSettings applyTo(TransferSettings base) {
        return new TransferSettings(
                verify.orElse(base.verify()),
                chunkSize.orElse(base.chunkSize()),
                bandwidthLimit.orElse(base.bandwidthLimit()),
                concurrency.orElse(base.concurrency()),
                retries.orElse(base.retries()),
                deleteExtraneous.orElse(base.deleteExtraneous()),
                swarm.orElse(base.swarm()));
    }
}
