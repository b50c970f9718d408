package io.meshlift.testkit.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rendering alone, no server: placeholders become per-run values and no literal survives. */
class RealmTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givesTheDashboardUserAFreshPasswordOnEveryRender() throws Exception {
        RealmTemplate.Rendered first = RealmTemplate.meshlift().render();
        RealmTemplate.Rendered second = RealmTemplate.meshlift().render();

        String password = first.userPasswords().get("dashboard-auditor");
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        assertThat(second.userPasswords().get("dashboard-auditor")).isNotEqualTo(password);
        assertThat(first.json()).doesNotContain(RealmTemplate.PLACEHOLDER);
        JsonNode user = user(JSON.readTree(first.json()), "dashboard-auditor");
        assertThat(user.path("credentials").get(0).path("value").asText()).isEqualTo(password);
        assertThat(user.path("realmRoles").get(0).asText()).isEqualTo("meshlift-auditor");
        assertThat(first.toString()).doesNotContain(password);
    }

    @Test
    void theDashboardClientIsPublicWithPkceAndAnExactRedirectUri() throws Exception {
        JsonNode realm = JSON.readTree(RealmTemplate.meshlift().render().json());
        JsonNode dashboard = null;
        for (JsonNode client : realm.path("clients")) {
            if ("meshlift-dashboard".equals(client.path("clientId").asText())) {
                dashboard = client;
            }
        }
        assertThat(dashboard).isNotNull();
        assertThat(dashboard.path("publicClient").asBoolean()).isTrue();
        assertThat(dashboard.has("secret")).isFalse();
        assertThat(dashboard.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(dashboard
                        .path("attributes")
                        .path("pkce.code.challenge.method")
                        .asText())
                .isEqualTo("S256");
        assertThat(dashboard.path("redirectUris")).hasSize(1);
        assertThat(dashboard.path("redirectUris").get(0).asText()).doesNotContain("*");
    }

    private static JsonNode user(JsonNode realm, String username) {
        for (JsonNode user : realm.path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("no user " + username);
    }
}
