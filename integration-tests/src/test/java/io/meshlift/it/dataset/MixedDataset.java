package io.meshlift.it.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * A dataset with every kind of entry a pull must get right, as made by {@link
 * DatasetFixtures#mixed}. Paths are relative to {@link #root()}.
 *
 * @param root the dataset directory
 * @param canary a file outside the volume that links in the dataset point to
 * @param canaryMarker bytes found only in the canary, never in the dataset
 * @param outsideLinks symlinks whose targets leave the volume
 * @param nfcName the NFC spelling of a name that also exists in NFD
 * @param nfdName the NFD spelling of the same name
 * @param executable a file with mode 0755
 * @param smallFiles how many small files were spread over the small/ directories
 */
public record MixedDataset(
        Path root,
        Path canary,
        byte[] canaryMarker,
        List<String> outsideLinks,
        String nfcName,
        String nfdName,
        String executable,
        int smallFiles) {}
