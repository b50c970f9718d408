package io.meshlift.coordinator.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.meshlift.proto.control.v1.CoordinatorMessage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control channel with tokens required: mTLS alone is not enough, the token must be the agent's own
 * client's, and it must be kept fresh; revoked agents are cut off and refused at the handshake.
 */
@QuarkusTest
@TestProfile(ControlTokenProfile.class)
class ControlTokenTest {

    @Inject
    ControlServer server;

    @ConfigProperty(name = "coordinator.tls.ca")
    Path ca;

    private FakeAgent connect(String certifiedAs, String token) throws Exception {
        return FakeAgent.connect(ca, certifiedAs, server.port(), token);
    }

    @Test
    void anAgentWithItsOwnClientsTokenIsWelcomedAndToldTheRevokedSet() throws Exception {
        try (FakeAgent agent = connect("ctl-tok-a", TestRealm.token("meshlift-agent-ctl-tok-a", Duration.ofMinutes(5)))
                .register()) {
            agent.next(CoordinatorMessage.BodyCase.WELCOME);
            agent.next(CoordinatorMessage.BodyCase.REVOKED_AGENTS);
        }
    }

    @Test
    void aCertificateWithoutATokenIsUnauthenticated() throws Exception {
        try (FakeAgent agent = connect("ctl-tok-a", null).register()) {
            Status status = agent.awaitClosed();
            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(status.getDescription()).contains("no access token");
        }
    }

    @Test
    void anotherAgentsTokenWithThisCertificateIsDenied() throws Exception {
        try (FakeAgent agent = connect("ctl-tok-a", TestRealm.token("meshlift-agent-ctl-tok-b", Duration.ofMinutes(5)))
                .register()) {
            Status status = agent.awaitClosed();
            assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(status.getDescription())
                    .contains("meshlift-agent-ctl-tok-b")
                    .contains("ctl-tok-a");
        }
    }

    @Test
    void aTokenOfANonAgentClientOrWithoutTheRoleIsDenied() throws Exception {
        try (FakeAgent agent = connect("ctl-tok-a", TestRealm.token("meshlift-test-agent", Duration.ofMinutes(5)))
                .register()) {
            assertThat(agent.awaitClosed().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        try (FakeAgent agent = connect(
                        "ctl-tok-a",
                        TestRealm.token("meshlift-agent-ctl-tok-a", Duration.ofMinutes(5), List.of("meshlift-admin")))
                .register()) {
            assertThat(agent.awaitClosed().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void aStreamWhoseTokenExpiresWithoutReauthenticationIsClosed() throws Exception {
        try (FakeAgent agent = connect("ctl-tok-b", TestRealm.token("meshlift-agent-ctl-tok-b", Duration.ofSeconds(2)))
                .register()) {
            agent.next(CoordinatorMessage.BodyCase.WELCOME);

            Status status = agent.awaitClosed();

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(status.getDescription()).contains("expired");
        }
    }

    @Test
    void reauthenticationKeepsTheStreamAndAForeignTokenEndsIt() throws Exception {
        try (FakeAgent agent = connect("ctl-tok-b", TestRealm.token("meshlift-agent-ctl-tok-b", Duration.ofSeconds(2)))
                .register()) {
            agent.next(CoordinatorMessage.BodyCase.WELCOME);
            agent.reauthenticate(TestRealm.token("meshlift-agent-ctl-tok-b", Duration.ofMinutes(5)));
            // The first token expires after 2 s; the stream must outlive it.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(agent::isOpen);
            agent.reauthenticate(TestRealm.token("meshlift-agent-ctl-tok-a", Duration.ofMinutes(5)));

            Status status = agent.awaitClosed();
            assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(status.getDescription()).contains("meshlift-agent-ctl-tok-a");
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void aRevokedAgentIsCutOffToldToPeersAndRefusedAtTheHandshake() throws Exception {
        try (FakeAgent witness = connect(
                                "ctl-witness", TestRealm.token("meshlift-agent-ctl-witness", Duration.ofMinutes(5)))
                        .register();
                FakeAgent revoked = connect(
                                "ctl-revoked", TestRealm.token("meshlift-agent-ctl-revoked", Duration.ofMinutes(5)))
                        .register()) {
            witness.next(CoordinatorMessage.BodyCase.WELCOME);
            witness.next(CoordinatorMessage.BodyCase.REVOKED_AGENTS);
            revoked.next(CoordinatorMessage.BodyCase.WELCOME);
            witness.heartbeatEvery(Duration.ofMillis(200));
            revoked.heartbeatEvery(Duration.ofMillis(200));

            given().delete("/api/v1/agents/{id}", "ctl-revoked").then().statusCode(204);

            Status cutOff = revoked.awaitClosed();
            assertThat(cutOff.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(cutOff.getDescription()).contains("revoked");
            assertThat(witness.next(CoordinatorMessage.BodyCase.REVOKED_AGENTS)
                            .getRevokedAgents()
                            .getAgentIdsList())
                    .contains("ctl-revoked");
        }
        try (FakeAgent again = connect(
                        "ctl-revoked", TestRealm.token("meshlift-agent-ctl-revoked", Duration.ofMinutes(5)))
                .register()) {
            Status refused = again.awaitClosed();
            // UNAVAILABLE with a TLS failure, not PERMISSION_DENIED from a call: the handshake itself failed.
            assertThat(refused.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(String.valueOf(refused.getCause()) + refused.getDescription())
                    .containsIgnoringCase("ssl");
        }
    }
}
