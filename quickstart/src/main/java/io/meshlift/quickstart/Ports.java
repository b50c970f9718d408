package io.meshlift.quickstart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loopback ports of one quickstart, all derived from a base port so that a user who finds one taken moves
 * the whole block with {@code --base-port}: Keycloak on the base, the coordinator's REST API and control
 * channel next to it (its metrics at +3), agents' peer ports at +10, their admin/health ports at +20 and their
 * metrics ports at +25.
 */
record Ports(int base) {

    static final int DEFAULT_BASE = 18080;
    /** The highest offset used, so that a block fits below 65536. */
    static final int SPAN = 30;

    Ports {
        if (base < 1024 || base + SPAN > 65535) {
            throw new QuickstartException("--base-port must be between 1024 and " + (65535 - SPAN) + ", not " + base);
        }
    }

    int keycloak() {
        return base;
    }

    int coordinatorHttp() {
        return base + 1;
    }

    int coordinatorControl() {
        return base + 2;
    }

    /** Prometheus metrics (the management interface, loopback only). */
    int coordinatorManagement() {
        return base + 3;
    }

    int agentPeer(int index) {
        return base + 10 + index;
    }

    int agentHttp(int index) {
        return base + 20 + index;
    }

    /** Prometheus metrics of an agent (the management interface, loopback only). */
    int agentManagement(int index) {
        return base + 25 + index;
    }

    /** Every port with what it is for, for the preflight check's messages. */
    Map<Integer, String> purposes(List<String> agents) {
        Map<Integer, String> purposes = new LinkedHashMap<>();
        purposes.put(keycloak(), "Keycloak");
        purposes.put(coordinatorHttp(), "coordinator REST API");
        purposes.put(coordinatorControl(), "coordinator control channel");
        purposes.put(coordinatorManagement(), "coordinator metrics");
        for (int i = 0; i < agents.size(); i++) {
            purposes.put(agentPeer(i), "agent " + agents.get(i) + " peer gRPC");
            purposes.put(agentHttp(i), "agent " + agents.get(i) + " health/admin");
            purposes.put(agentManagement(i), "agent " + agents.get(i) + " metrics");
        }
        return purposes;
    }
}
