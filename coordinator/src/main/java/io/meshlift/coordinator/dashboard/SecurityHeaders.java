package io.meshlift.coordinator.dashboard;

import io.vertx.core.MultiMap;

/**
 * The headers of every dashboard answer. The Content-Security-Policy allows scripts, styles and connections
 * from the coordinator itself only, plus connections to the Keycloak origin (the token endpoint: code
 * exchange and refresh); nothing inline, nothing from elsewhere, and no framing (clickjacking).
 */
final class SecurityHeaders {

    private final String contentSecurityPolicy;

    SecurityHeaders(String keycloakOrigin) {
        this.contentSecurityPolicy = String.join(
                "; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self' " + keycloakOrigin,
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'");
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    void apply(MultiMap headers) {
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        // The sign-in code arrives in the query string: never send it on as a Referer.
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
    }
}
