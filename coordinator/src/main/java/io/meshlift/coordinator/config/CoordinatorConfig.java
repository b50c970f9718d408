package io.meshlift.coordinator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code coordinator.*} key. docs: coordinator/README.md. */
@ConfigMapping(prefix = "coordinator")
public interface CoordinatorConfig {

    /** Directory of the embedded H2 database ({@code meshlift.mv.db}); unused with PostgreSQL. */
    @WithDefault("./data")
    String dataDir();

    /** Names this replica in leases and in the Welcome; default: host name plus a random suffix. */
    Optional<String> replicaId();

    /** The audit ledger. */
    Audit audit();

    /** The agent control channel (gRPC over mTLS). */
    Control control();

    /** The coordinator's TLS material for the control channel; the channel stays off without all three. */
    Tls tls();

    /** The job engine. */
    Jobs jobs();

    /** Peer grants: what sources require before serving a destination (docs/security.md). */
    Grants grants();

    interface Audit {

        /** Ledger records read per query when the chain is verified or exported; bounds memory. */
        @WithDefault("1000")
        int pageSize();
    }

    interface Control {

        /** Address the control channel listens on. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port of the control channel; 0 picks a free one. */
        @WithDefault("7444")
        int port();

        /** How often agents must send a Heartbeat (sent to them in the Welcome). */
        @WithDefault("5s")
        Duration heartbeatInterval();

        /** Heartbeats an agent may miss before it is marked OFFLINE and its stream is closed. */
        @WithDefault("3")
        int missedHeartbeats();

        /** Messages queued for one agent while its stream is not ready; beyond this, sends are refused. */
        @WithDefault("1024")
        int outboundQueue();

        /**
         * Whether agents must present a Keycloak access token of their own client (deny by default). Only
         * tests of code paths without Keycloak set false; a warning is logged whenever it is false.
         */
        @WithDefault("true")
        boolean requireToken();

        /** How agents' access tokens are verified. */
        Oidc oidc();
    }

    interface Oidc {

        /** Expected {@code iss} of agents' tokens, e.g. https://keycloak.example/realms/meshlift; required when tokens are. */
        Optional<String> issuer();

        /** The realm's JWKS; defaults to {@code <issuer>/protocol/openid-connect/certs}. */
        Optional<String> jwksUrl();

        /** Audience agents' tokens must carry. */
        @WithDefault("meshlift-coordinator")
        String audience();

        /** Realm role agents' tokens must carry. */
        @WithDefault("meshlift-agent")
        String agentRole();

        /** Clock difference tolerated on exp and nbf. */
        @WithDefault("30s")
        Duration clockSkew();
    }

    interface Tls {

        /** PEM certificate of the coordinator, issued by the mesh CA (it carries an agent-style identity). */
        Optional<Path> cert();

        /** PEM private key of that certificate. */
        Optional<Path> key();

        /** PEM mesh CA certificate(s) agents' client certificates must chain to. */
        Optional<Path> ca();
    }

    interface Jobs {

        /** Fixed delay between two scheduler runs (claim, lease renewal, offline sweep). */
        @WithDefault("1s")
        Duration schedulerInterval();

        /** How long a replica's claim on a transfer lasts without renewal. */
        @WithDefault("30s")
        Duration leaseDuration();

        /** Backoff before the first retry of a failed transfer; doubles with every attempt. */
        @WithDefault("2s")
        Duration retryBackoff();

        /** Upper bound of the retry backoff. */
        @WithDefault("5m")
        Duration maxRetryBackoff();

        /** How often a live-progress stream ({@code /api/v1/jobs/{id}/events}) looks for changes. */
        @WithDefault("1s")
        Duration eventsInterval();

        /** Transfers an agent runs at once when it did not say (max_concurrent_pulls = 0). */
        @WithDefault("2")
        int defaultPullsPerAgent();

        /** How long a dry run waits for source agents to count their datasets before it answers 504. */
        @WithDefault("30s")
        Duration dryRunTimeout();
    }

    interface Grants {

        /** How long a grant lasts; running assignments get a fresh one when half of it has passed. */
        @WithDefault("1h")
        Duration lifetime();

        /**
         * The Ed25519 signing key file (PEM, 0600), created if absent; default {@code <data-dir>/grant-signing-key.pem}.
         * Replicas of one installation must share it.
         */
        Optional<Path> keyFile();
    }
}
