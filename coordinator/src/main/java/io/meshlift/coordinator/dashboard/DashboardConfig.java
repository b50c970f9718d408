package io.meshlift.coordinator.dashboard;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web dashboard under {@code /dashboard/}. docs/configuration.md lists every key. */
@ConfigMapping(prefix = "coordinator.dashboard")
public interface DashboardConfig {

    /**
     * Where people open the dashboard, exactly as their browser shows it (scheme, host, port, path ending in
     * {@code /dashboard/}): the only redirect URI of the Keycloak client, and its origin the only web origin.
     */
    @WithDefault("http://127.0.0.1:8080/dashboard/")
    URI url();

    /** The public Keycloak client the dashboard signs people in with (authorization code + PKCE). */
    @WithDefault("meshlift-dashboard")
    String clientId();
}
