package io.meshlift.core.plan;

/** A 1-based line and column in the plan source; {@link #UNKNOWN} (0:0) when the plan was not read from text. */
record Position(int line, int column) {

    static final Position UNKNOWN = new Position(0, 0);

    static final Position START = new Position(1, 1);
}
