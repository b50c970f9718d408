package io.meshlift.core.plan;

import java.util.Objects;
import java.util.regex.Pattern;

import io.meshlift.core.path.RelativePath;
import io.meshlift.core.path.VolumeRoot;
import io.meshlift.core.pki.AgentId;

/**
 * Where a dataset lives on one agent: {@code agent : volume : path}. Nothing outside the volume can be named:
 * {@link RelativePath} has already refused {@code ..}, absolute paths, NUL, control characters and backslashes.
 *
 * @param agent the agent that exposes the volume
 * @param volume the volume's name, matching {@link #VOLUME_RULE}
 * @param path the dataset's directory below the volume root; {@link RelativePath#ROOT} for the whole volume
 */
public record Endpoint(AgentId agent, String volume, RelativePath path) {

    /** The volume name rule, the same as an agent's {@code agent.volumes.<name>} configuration key. */
    public static final String VOLUME_RULE = VolumeRoot.NAME_RULE;

    private static final Pattern VOLUME = Pattern.compile(VOLUME_RULE);

    /**
     * @throws IllegalArgumentException if {@code volume} does not match {@link #VOLUME_RULE}
     * @throws NullPointerException if any component is null
     */
    public Endpoint {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
        if (!isValidVolume(volume)) {
            throw new IllegalArgumentException("invalid volume name " + PlanText.quote(volume) + ": " + VOLUME_HINT);
        }
    }

    static final String VOLUME_HINT = "use 1 to 64 characters from [A-Za-z0-9._-], starting with a letter or digit";

    /** Whether {@code volume} matches {@link #VOLUME_RULE}. */
    public static boolean isValidVolume(String volume) {
        return volume != null && VOLUME.matcher(volume).matches();
    }

    /**
     * Whether {@code other} is this endpoint or lies below it: same agent, same volume, and this path is an
     * ancestor of (or equal to) the other's, compared name by name.
     */
    public boolean contains(Endpoint other) {
        return agent.equals(other.agent) && volume.equals(other.volume) && other.path.startsWith(path);
    }

    /** Whether writing one could change what the other holds: either contains the other. */
    public boolean overlaps(Endpoint other) {
        return contains(other) || other.contains(this);
    }

    /** {@code agent:volume:path}, with {@code /} standing for the volume root. */
    @Override
    public String toString() {
        return agent + ":" + volume + ":" + (path.isRoot() ? "/" : path.toString());
    }
}
