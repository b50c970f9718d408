/**
 * Path confinement: every file an agent reads or writes is addressed as {@code volume : relative path} and
 * must stay below that volume's root.
 *
 * <p>{@link io.meshlift.core.path.RelativePath} validates the syntax (no absolute paths, no {@code .} or
 * {@code ..}, no NUL or control characters, length limits) and is the only path type accepted by {@link
 * io.meshlift.core.path.VolumeRoot}, which refuses symbolic links and non-directories in every component
 * below the root. {@link io.meshlift.core.path.Volumes} is the name-to-root registry of one agent.
 *
 * <p>Exception messages never contain absolute host paths, because they may be relayed to remote peers or
 * the coordinator; they name the volume, the relative path and the offending component instead.
 */
package io.meshlift.core.path;
