package io.meshlift.core.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.units.ByteSize;

/**
 * Reads the transfer settings that may appear in {@code spec.defaults} and, as overrides, on each dataset.
 */
final class SettingsBinder {

    /** The setting names, in the order messages list them. */
    static final List<String> KEYS =
            List.of("verify", "chunkSize", "bandwidthLimit", "concurrency", "retries", "deleteExtraneous", "swarm");

    static final String UNLIMITED = "unlimited";

    private SettingsBinder() {}

    /**
     * The settings {@code fields} names. Empty if any of them is invalid (each error is reported); absent ones
     * are simply empty in the result.
     */
    static Optional<SettingsOverrides> read(Fields fields, Binding b) {
        OptionalFields f = new OptionalFields(fields);
        Optional<VerifyMode> verify = f.read("verify", (node, path) -> verify(node, path, b));
        Optional<Integer> chunkSize = f.read("chunkSize", (node, path) -> chunkSize(node, path, b));
        Optional<BandwidthLimit> bandwidth = f.read("bandwidthLimit", (node, path) -> bandwidthLimit(node, path, b));
        Optional<Integer> concurrency = f.read(
                "concurrency",
                (node, path) ->
                        b.integer(node, path, TransferSettings.MIN_CONCURRENCY, TransferSettings.MAX_CONCURRENCY));
        Optional<Integer> retries = f.read(
                "retries",
                (node, path) -> b.integer(node, path, TransferSettings.MIN_RETRIES, TransferSettings.MAX_RETRIES));
        Optional<Boolean> deleteExtraneous = f.read("deleteExtraneous", b::bool);
        Optional<Boolean> swarm = f.read("swarm", b::bool);
        if (!f.valid) {
            return Optional.empty();
        }
        return Optional.of(
                new SettingsOverrides(verify, chunkSize, bandwidth, concurrency, retries, deleteExtraneous, swarm));
    }

    /** Reads optional fields, remembering whether any field that is set was invalid. */
    private static final class OptionalFields {
        private final Fields fields;
        private boolean valid = true;

        OptionalFields(Fields fields) {
            this.fields = fields;
        }

        /** The converted value if the field is set; a set but invalid field clears {@link #valid}. */
        <T> Optional<T> read(String key, BiFunction<YamlNode, String, Optional<T>> convert) {
            Optional<T> value = fields.optional(key).flatMap(node -> {
                Optional<T> converted = convert.apply(node, fields.child(key));
                valid &= converted.isPresent();
                return converted;
            });
            return value;
        }
    }

    private static Optional<VerifyMode> verify(YamlNode node, String path, Binding b) {
        return b.convert(
                node,
                path,
                text -> VerifyMode.fromPlanName(text)
                        .orElseThrow(
                                () -> new IllegalArgumentException("unknown verify mode " + PlanText.quote(text) + "."
                                        + Suggestions.didYouMean(text, List.of("full", "chunks"))
                                        + " Use 'full' (re-read each file and compare its SHA-256) or 'chunks' (trust the verified"
                                        + " chunks)")));
    }

    private static Optional<Integer> chunkSize(YamlNode node, String path, Binding b) {
        return b.convert(node, path, text -> {
            if (isRate(text)) {
                throw new IllegalArgumentException(
                        "chunk size " + PlanText.quote(text) + " is a rate; write a size such as 4MiB, without '/s'");
            }
            long bytes = ByteSize.parse(text);
            if (bytes < ChunkLayout.MIN_CHUNK_SIZE || bytes > ChunkLayout.MAX_CHUNK_SIZE) {
                throw new IllegalArgumentException("chunk size " + PlanText.quote(text) + " (" + bytes
                        + " bytes) is out of range; use between 64KiB and 64MiB, e.g. 4MiB");
            }
            return (int) bytes;
        });
    }

    /** {@code unlimited}, or a positive rate; {@code /s} is optional, as in rclone's {@code --bwlimit}. */
    static Optional<BandwidthLimit> bandwidthLimit(YamlNode node, String path, Binding b) {
        return b.convert(node, path, text -> {
            if (text.trim().toLowerCase(Locale.ROOT).equals(UNLIMITED)) {
                return BandwidthLimit.UNLIMITED;
            }
            long bytes = ByteSize.parse(text);
            if (bytes <= 0) {
                throw new IllegalArgumentException("bandwidth limit " + PlanText.quote(text)
                        + " would stop every transfer; write a positive rate such as 200MiB/s, or 'unlimited'");
            }
            return BandwidthLimit.of(bytes);
        });
    }

    private static boolean isRate(String text) {
        return text.trim().endsWith("/s");
    }
}
