package io.meshlift.core.pki;

/** An agent id does not match {@link AgentId#RULE}. */
public class InvalidAgentIdException extends IllegalArgumentException {

    private final String value;

    InvalidAgentIdException(String value, String rule) {
        super("Invalid agent id " + Printable.quote(value) + ": must match " + rule
                + " (1-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit)");
        this.value = value;
    }

    /** The rejected value as given, possibly null. */
    public String value() {
        return value;
    }
}
