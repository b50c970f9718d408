package io.meshlift.testkit.keycloak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the real server once and checks that the realm templates import into what the tests rely on. */
class KeycloakServerTest {

    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.shared();
    }

    @Test
    void issuesTokensWithTheRoleOfEachTestClientAndTheCoordinatorAsAudience() {
        assertRoles("meshlift-test-admin", "meshlift-admin");
        assertRoles("meshlift-test-operator", "meshlift-operator");
        assertRoles("meshlift-test-auditor", "meshlift-auditor");
        assertRoles("meshlift-test-agent", "meshlift-agent");
        JsonNode norole = claims(KeycloakServer.REALM, "meshlift-test-norole");
        assertThat(roles(norole))
                .doesNotContain("meshlift-admin", "meshlift-operator", "meshlift-auditor", "meshlift-agent");
        assertThat(audiences(norole)).contains("meshlift-coordinator");
    }

    @Test
    void tokensCarryTheRealmIssuerAndASubject() {
        JsonNode claims = claims(KeycloakServer.REALM, "meshlift-test-admin");
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer(KeycloakServer.REALM));
        assertThat(claims.path("sub").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
    }

    @Test
    void noAudienceClientHasTheAdminRoleButNotTheCoordinatorAudience() {
        JsonNode claims = claims(KeycloakServer.REALM, "meshlift-test-noaudience");
        assertThat(roles(claims)).contains("meshlift-admin");
        assertThat(audiences(claims)).doesNotContain("meshlift-coordinator");
    }

    @Test
    void shortLivedClientTokensExpireAfterTwoSeconds() {
        JsonNode claims = claims(KeycloakServer.REALM, "meshlift-test-shortlived");
        assertThat(roles(claims)).contains("meshlift-admin");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(2);
    }

    @Test
    void tokenRequestedAtLocalhostNamesAnotherIssuer() {
        String token = keycloak.clientCredentialsToken(KeycloakServer.REALM, "meshlift-test-admin", "localhost");
        assertThat(JwtParts.of(token).claims().path("iss").asText())
                .isEqualTo("http://localhost:" + keycloak.port() + "/realms/meshlift");
    }

    @Test
    void otherRealmIssuesAdminTokensForTheCoordinatorUnderItsOwnIssuer() {
        JsonNode claims = claims(KeycloakServer.OTHER_REALM, "meshlift-test-admin");
        assertThat(roles(claims)).contains("meshlift-admin");
        assertThat(audiences(claims)).contains("meshlift-coordinator");
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer(KeycloakServer.OTHER_REALM));
    }

    @Test
    void provisionerMayListClientsThroughTheAdminApi() throws Exception {
        String token = keycloak.clientCredentialsToken(KeycloakServer.REALM, "meshlift-provisioner");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(keycloak.baseUrl()
                                        + "/admin/realms/meshlift/clients?clientId=meshlift-coordinator"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"clientId\":\"meshlift-coordinator\"");
    }

    @Test
    void everyConfidentialClientHasItsOwnRandomSecretAndNoneIsInTheLog() throws Exception {
        List<String> secrets = new ArrayList<>();
        for (String client : List.of(
                "meshlift-coordinator",
                "meshlift-provisioner",
                "meshlift-test-admin",
                "meshlift-test-operator",
                "meshlift-test-auditor",
                "meshlift-test-agent",
                "meshlift-test-norole",
                "meshlift-test-noaudience",
                "meshlift-test-shortlived")) {
            secrets.add(keycloak.clientSecret(client));
        }
        secrets.add(keycloak.clientSecret(KeycloakServer.OTHER_REALM, "meshlift-test-admin"));
        assertThat(secrets)
                .doesNotHaveDuplicates()
                .allSatisfy(s -> assertThat(s).hasSizeGreaterThanOrEqualTo(40));
        String log = Files.readString(keycloak.logFile());
        assertThat(secrets).noneSatisfy(s -> assertThat(log).contains(s));
        assertThat(log).doesNotContain(keycloak.adminPassword());
    }

    @Test
    void publicCliClientHasNoSecret() {
        assertThatThrownBy(() -> keycloak.clientSecret("meshlift-cli")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRoles(String client, String role) {
        JsonNode claims = claims(KeycloakServer.REALM, client);
        assertThat(roles(claims)).as(client).contains(role);
        assertThat(audiences(claims)).as(client).contains("meshlift-coordinator");
    }

    private static JsonNode claims(String realm, String client) {
        return JwtParts.of(keycloak.clientCredentialsToken(realm, client)).claims();
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> audiences = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(a -> audiences.add(a.asText()));
        } else if (aud.isTextual()) {
            audiences.add(aud.asText());
        }
        return audiences;
    }
}
