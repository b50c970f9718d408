package io.meshlift.coordinator.transfer;

import java.util.Set;

/**
 * The control streams this coordinator replica holds: how the job engine reaches agents. Implemented by
 * the control channel; the engine never sees gRPC types.
 *
 * <p>Sends are asynchronous and best effort: {@code true} means the message was queued on an open
 * stream, not that the agent received it. Lost messages are repaired by leases (an unacknowledged
 * assignment is re-sent after its lease expires) and by heartbeat reconciliation (an agent running
 * something it should not is told again).
 */
public interface AgentLink {

    /** Agents with an open, registered control stream on this replica. */
    Set<String> connectedAgents();

    /** Queues an assignment for {@code agentId}; false if it has no open stream here or its queue is full. */
    boolean assign(String agentId, AssignmentOrder order);

    /** Queues a command about one assignment; false if the agent has no open stream here. */
    boolean command(String agentId, AgentCommand command, String assignmentId);

    enum AgentCommand {
        CANCEL,
        PAUSE,
        RESUME
    }

    /** A command to send about one assignment. */
    record Instruction(AgentCommand command, String assignmentId) {}
}
