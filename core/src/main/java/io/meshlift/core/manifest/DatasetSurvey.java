package io.meshlift.core.manifest;

/**
 * What a manifest of a dataset would list, counted without hashing.
 *
 * @param files regular files
 * @param bytes their total size
 * @param directories directories below the dataset root
 * @param symlinks symbolic links (listed as links, never followed)
 * @param skipped entries no manifest can list (special files, names that cannot be carried safely)
 */
public record DatasetSurvey(long files, long bytes, long directories, long symlinks, long skipped) {}
