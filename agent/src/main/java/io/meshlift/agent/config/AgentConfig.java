package io.meshlift.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything an agent is configured with. docs/configuration.md lists every key. */
@ConfigMapping(prefix = "agent")
public interface AgentConfig {

    /** This agent's id; must equal the identity in its certificate. */
    String id();

    /** Volumes this agent exposes: name to root directory (agent.volumes.data=/srv/data). */
    Map<String, Path> volumes();

    /** Directory for the agent's own state (hash cache, progress); never inside a volume. */
    Path stateDir();

    /** Peer gRPC server. */
    Peer peer();

    /** Mesh TLS material. */
    Tls tls();

    /** Pull engine limits. */
    Transfer transfer();

    /** Control channel to the coordinator; off unless an address is set. */
    Coordinator coordinator();

    interface Peer {
        /** Address the peer gRPC server listens on. */
        @WithDefault("0.0.0.0")
        String host();

        /** Port of the peer gRPC server. */
        @WithDefault("7443")
        int port();

        /** Upper bound of concurrent FetchChunks requests one stream may have open. */
        @WithDefault("64")
        int maxOpenRequestsPerStream();

        /** Threads reading chunks and walking manifests for peers. */
        @WithDefault("8")
        int ioThreads();

        /**
         * Who may read this agent's datasets: {@code grants} (default) requires a coordinator-signed grant per
         * job; {@code mesh} lets any mesh-certified agent read everything (coordinator-less pair mode only).
         */
        @WithDefault("grants")
        PeerAuthorization authorization();
    }

    /** Values of {@code agent.peer.authorization}. */
    enum PeerAuthorization {
        GRANTS,
        MESH
    }

    interface Tls {
        /** PEM certificate chain of this agent (reloaded when it changes). */
        Path cert();

        /** PEM PKCS#8 private key of this agent (reloaded when it changes). */
        Path key();

        /** PEM certificate(s) of the mesh CA; the only roots this agent trusts. */
        Path ca();
    }

    interface Transfer {
        /** Concurrent FetchChunks streams opened to each peer. */
        @WithDefault("4")
        int streamsPerPeer();

        /** Chunk requests outstanding on each stream. */
        @WithDefault("4")
        int requestsPerStream();

        /** Files being assembled at once in one pull. */
        @WithDefault("64")
        int filesInFlight();

        /** Attempts per chunk before the file is given up (each bad chunk counts). */
        @WithDefault("5")
        int chunkAttempts();

        /** Receive cap for the whole agent, bytes per second, e.g. 200MiB; 0 means unlimited. */
        @WithDefault("0")
        String bandwidthLimit();

        /** Seconds without progress on a stream before it is abandoned and retried. */
        @WithDefault("60")
        int stallTimeoutSeconds();

        /** Directory in which a pull's transient state lives; defaults to state-dir/pulls. */
        Optional<Path> workDir();
    }

    interface Coordinator {
        /** host:port of the coordinator's AgentControl endpoint, or a comma-separated list of replicas to fail over between; unset means no coordinator link. */
        Optional<String> address();

        /** Agent-id-shaped identity the coordinator's certificate must carry. */
        @WithDefault("coordinator")
        String identity();

        /** Heartbeat period used when the coordinator's Welcome does not name one. */
        @WithDefault("10s")
        Duration heartbeatInterval();

        /** Period of progress reports for running assignments. */
        @WithDefault("5s")
        Duration progressInterval();

        /** First wait before reconnecting; doubles after each failure, with jitter. */
        @WithDefault("1s")
        Duration reconnectInitialBackoff();

        /** Longest wait between reconnect attempts. */
        @WithDefault("60s")
        Duration reconnectMaxBackoff();

        /** Assignments run at once; more are refused (advertised in Register). */
        @WithDefault("4")
        int maxConcurrentPulls();

        /** Host peers should dial for this agent's peer server; defaults to agent.peer.host unless it is a wildcard, else this host's name. */
        Optional<String> advertisedHost();

        /** The Keycloak client this agent logs in as; the coordinator requires its token on the control channel. */
        Oidc oidc();
    }

    interface Oidc {
        /** Token endpoint, e.g. https://keycloak.example/realms/meshlift/protocol/openid-connect/token; unset sends no token. */
        Optional<String> tokenUrl();

        /** Client id, meshlift-agent-<id> (what `meshlift agent enroll` wrote). */
        Optional<String> clientId();

        /** File holding the client secret (0600, written by `meshlift agent enroll`); never logged. */
        Optional<Path> clientSecretFile();
    }
}
