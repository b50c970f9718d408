package io.meshlift.coordinator.agent;

/** Whether an agent's control stream is alive, as last seen by any coordinator replica. */
public enum AgentState {
    /** Heartbeats arrive. */
    ONLINE,
    /** Missed the configured number of heartbeats, or never registered since the coordinator started. */
    OFFLINE
}
