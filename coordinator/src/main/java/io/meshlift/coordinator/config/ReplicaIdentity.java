package io.meshlift.coordinator.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names this coordinator replica: in transfer leases ({@code lease_owner}) and in the Welcome agents log.
 * Unique per process, so a restarted replica never mistakes the leases of its previous life for its own.
 */
@ApplicationScoped
public class ReplicaIdentity {

    private final String id;

    ReplicaIdentity(CoordinatorConfig config) {
        this.id = config.replicaId().orElseGet(ReplicaIdentity::generated);
    }

    public String id() {
        return id;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "coordinator";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
