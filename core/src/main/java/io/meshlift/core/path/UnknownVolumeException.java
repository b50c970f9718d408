package io.meshlift.core.path;

import java.util.List;

/** A volume name is not exposed by this agent. The message lists the names that are. */
public class UnknownVolumeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> knownNames;

    UnknownVolumeException(String name, List<String> knownNames) {
        super("unknown volume " + SafeText.quote(name) + "; known volumes: " + knownNames);
        this.name = SafeText.escape(String.valueOf(name));
        this.knownNames = List.copyOf(knownNames);
    }

    /** The requested name, escaped. */
    public String name() {
        return name;
    }

    /** The volume names this agent does expose, sorted. */
    public List<String> knownNames() {
        return knownNames;
    }
}
