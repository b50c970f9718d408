package io.meshlift.core.pki;

import java.util.regex.Pattern;

/**
 * A validated agent identity, the name an agent carries in its certificate and in plans.
 *
 * <p>The rule is the DNS-label-like pattern {@value #RULE}: 1 to 63 characters of lowercase letters,
 * digits, {@code .} and {@code -}, starting and ending with a letter or digit. Because the first
 * character cannot be a dot, an id is never {@code .} or {@code ..}, so it is safe as a directory
 * name (see {@link LocalMesh}).
 *
 * @param value the id, always valid
 */
public record AgentId(String value) implements Comparable<AgentId> {

    /** The pattern every agent id matches, in full. */
    public static final String RULE = "[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?";

    private static final Pattern PATTERN = Pattern.compile(RULE);

    /**
     * @throws InvalidAgentIdException if {@code value} is null or does not match {@link #RULE}
     */
    public AgentId {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new InvalidAgentIdException(value, RULE);
        }
    }

    /**
     * Parses an agent id.
     *
     * @throws InvalidAgentIdException naming the bad value and the rule
     */
    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
