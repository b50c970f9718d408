package io.meshlift.it.harness;

import java.nio.file.Path;

/**
 * A source agent serving {@code sourceVolume} as volume "data" and a destination agent with an
 * empty "data" volume, both started and ready; closing stops both and removes the workspace.
 */
public final class AgentPair implements AutoCloseable {

    private final Workspace workspace;
    private final AgentProcess source;
    private final AgentProcess destination;

    private AgentPair(Workspace workspace, AgentProcess source, AgentProcess destination) {
        this.workspace = workspace;
        this.source = source;
        this.destination = destination;
    }

    /** Certificates for "src" and "dst" under the workspace; the source volume is created if missing. */
    public static AgentPair start(Workspace workspace, Path sourceVolume) {
        LocalMeshFixture mesh = LocalMeshFixture.create(workspace.dir("mesh"), "src", "dst");
        // A pair without a coordinator has nobody to sign grants: both serve any mesh agent, explicitly.
        AgentProcess source = AgentProcess.builder("src", mesh, workspace)
                .volume("data", sourceVolume)
                .property("agent.peer.authorization", "mesh")
                .build();
        AgentProcess destination = AgentProcess.builder("dst", mesh, workspace)
                .volume("data", workspace.dir("agents", "dst", "volume"))
                .property("agent.peer.authorization", "mesh")
                .build();
        AgentPair pair = new AgentPair(workspace, source, destination);
        try {
            source.launch();
            destination.launch();
            source.awaitReady();
            destination.awaitReady();
            return pair;
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    public AgentProcess source() {
        return source;
    }

    public AgentProcess destination() {
        return destination;
    }

    @Override
    public void close() {
        destination.close();
        source.close();
        workspace.close();
    }
}
