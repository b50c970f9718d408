package io.meshlift.agent.transfer;

import java.util.List;

/** A pull request that cannot be run; lists every problem found, not only the first. */
public class InvalidPullSpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidPullSpecException(List<String> problems) {
        super("invalid pull: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
