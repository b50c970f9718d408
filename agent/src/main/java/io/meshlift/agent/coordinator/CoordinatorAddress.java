package io.meshlift.agent.coordinator;

/** Where the coordinator's AgentControl service listens: {@code host:port} or {@code [v6]:port}. */
record CoordinatorAddress(String host, int port) {

    static CoordinatorAddress parse(String value) {
        String text = value.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw invalid(value, "expected host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(value, "write an IPv6 address in brackets, e.g. [::1]:9443");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(value, "the port is not a number");
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw invalid(value, "expected a host and a port from 1 to 65535");
        }
        return new CoordinatorAddress(host, port);
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("agent.coordinator.address '" + value + "': " + why);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
