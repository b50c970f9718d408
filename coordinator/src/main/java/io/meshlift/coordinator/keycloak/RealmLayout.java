package io.meshlift.coordinator.keycloak;

import java.util.List;

import io.meshlift.coordinator.security.Roles;

/**
 * The Keycloak realm Meshlift expects: its name, realm roles and clients. The provisioner creates
 * exactly this; the test realm template mirrors it and adds test clients.
 */
public final class RealmLayout {

    public static final String REALM = "meshlift";

    /** The coordinator is the audience of every Meshlift token. */
    public static final String COORDINATOR_CLIENT = "meshlift-coordinator";

    /** Public client for people: the CLI's device authorization flow. */
    public static final String CLI_CLIENT = "meshlift-cli";

    /**
     * Public client for people in a browser: the coordinator's web dashboard, authorization code flow with
     * PKCE (S256); redirects only to the dashboard's own URL.
     */
    public static final String DASHBOARD_CLIENT = "meshlift-dashboard";

    /** Service account the coordinator uses to create and disable per-agent clients at enrollment. */
    public static final String PROVISIONER_CLIENT = "meshlift-provisioner";

    /** Client scope that puts {@link #COORDINATOR_CLIENT} in the {@code aud} claim. */
    public static final String AUDIENCE_SCOPE = "meshlift-coordinator-audience";

    public static final List<String> ROLES = List.of(Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.AGENT);

    /**
     * What the provisioner's service account may do in the realm: manage clients (one per agent) and
     * the service-account users behind them, nothing else (no realm settings, no other realms).
     */
    public static final List<String> PROVISIONER_REALM_MANAGEMENT_ROLES =
            List.of("manage-clients", "view-clients", "manage-users", "query-users", "view-realm");

    /** Short-lived access tokens: a stolen token is useful for minutes, not hours. */
    public static final int ACCESS_TOKEN_LIFESPAN_SECONDS = 300;

    private RealmLayout() {}
}
