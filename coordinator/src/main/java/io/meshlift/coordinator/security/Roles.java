package io.meshlift.coordinator.security;

/**
 * The Keycloak realm roles the REST API knows (from the token's {@code realm_access.roles}). Every resource
 * method names the roles it allows; anything not annotated is denied. Table: docs/security.md.
 */
public final class Roles {

    /** Everything: agents, plans, jobs, audit. */
    public static final String ADMIN = "meshlift-admin";

    /** Creates plans, starts and steers jobs, reads plans, jobs and agents. */
    public static final String OPERATOR = "meshlift-operator";

    /** Reads plans, jobs, agents, the audit and the ledger; changes nothing. */
    public static final String AUDITOR = "meshlift-auditor";

    /**
     * A Meshlift agent's service account. It speaks to the coordinator over the control channel only and
     * has no REST operation; listed so that it is never granted one by accident.
     */
    public static final String AGENT = "meshlift-agent";

    private Roles() {}
}
