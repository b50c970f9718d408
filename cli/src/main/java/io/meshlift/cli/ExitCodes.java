package io.meshlift.cli;

/**
 * The exit codes of every {@code meshlift} command, so that scripts can tell failures apart. Documented in
 * {@code docs/cli.md}; changing one breaks scripts.
 */
public final class ExitCodes {

    /** Done; for checks (plan validate, audit verify), nothing was found wrong. */
    public static final int OK = 0;

    /** Failed, or a check found a difference: an invalid plan, a digest mismatch, a job that failed. */
    public static final int FAILURE = 1;

    /** The command line is wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;

    /** Not logged in, the login expired, or the coordinator refused the token's roles (401, 403). */
    public static final int AUTH = 3;

    /** The job, plan or other thing named does not exist (404). */
    public static final int NOT_FOUND = 4;

    /** The coordinator or Keycloak cannot be reached (connection refused, timeout, 5xx). */
    public static final int UNREACHABLE = 5;

    /** The request conflicts with the current state, e.g. pausing a job that already finished (409). */
    public static final int CONFLICT = 6;

    private ExitCodes() {}
}
