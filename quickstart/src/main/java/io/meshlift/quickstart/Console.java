package io.meshlift.quickstart;

import java.io.PrintStream;

/** What the user sees: each step announced, then indented details. Never prints secrets but the one login. */
final class Console {

    private final PrintStream out;
    private int step;

    Console(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        step++;
        out.printf("==> [%d] %s%n", step, what);
        out.flush();
    }

    void detail(String format, Object... args) {
        out.printf("    " + format + "%n", args);
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }
}
