package io.meshlift.coordinator.dashboard;

import java.net.URI;

/** Origins as browsers compare them (RFC 6454): scheme, host and port, the port only when not the default. */
public final class DashboardUrls {

    private DashboardUrls() {}

    /** {@code https://kc.example:8443/realms/x} gives {@code https://kc.example:8443}. */
    public static String origin(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        int port = url.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + url.getHost() + (defaultPort ? "" : ":" + port);
    }
}
