package io.meshlift.agent.coordinator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The coordinator replicas an agent may dial, from {@code agent.coordinator.address} (one {@code host:port}
 * or a comma-separated list). Replicas share one database, so any of them can carry the control stream:
 * the agent stays on the one it reached and moves to the next after a failed attempt or a lost stream, so
 * a dead replica costs one reconnect, not an outage. Not thread-safe (the link thread owns it).
 */
final class CoordinatorAddresses {

    private final List<CoordinatorAddress> addresses;
    private int current;

    private CoordinatorAddresses(List<CoordinatorAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /**
     * @throws IllegalArgumentException naming the key and the entry when the list is empty, an entry is
     *     malformed or an address is listed twice
     */
    static CoordinatorAddresses parse(String value) {
        List<CoordinatorAddress> parsed = new ArrayList<>();
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].isBlank()) {
                throw new IllegalArgumentException("agent.coordinator.address '" + value + "': entry " + (i + 1)
                        + " is empty; expected host:port[,host:port...]");
            }
            parsed.add(CoordinatorAddress.parse(entries[i]));
        }
        if (new LinkedHashSet<>(parsed).size() != parsed.size()) {
            throw new IllegalArgumentException(
                    "agent.coordinator.address '" + value + "': an address is listed more than once");
        }
        return new CoordinatorAddresses(parsed);
    }

    /** The address to dial now. */
    CoordinatorAddress current() {
        return addresses.get(current);
    }

    /** Moves on to the next replica (wrapping around) after the current one failed; returns it. */
    CoordinatorAddress failover() {
        current = (current + 1) % addresses.size();
        return current();
    }

    int size() {
        return addresses.size();
    }

    @Override
    public String toString() {
        return addresses.stream().map(CoordinatorAddress::toString).collect(Collectors.joining(","));
    }
}
