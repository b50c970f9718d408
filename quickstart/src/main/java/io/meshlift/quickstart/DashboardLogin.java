package io.meshlift.quickstart;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * A person's login for the dashboard: a user of the {@code meshlift} realm with the operator and auditor roles
 * (not admin: the dashboard is for watching and steering jobs) and a generated password, created through
 * Keycloak's admin API as the bootstrap administrator and written 0600 to {@code secrets/dashboard-login}.
 */
final class DashboardLogin {

    static final String USERNAME = "quickstart";
    static final List<String> ROLES = List.of("meshlift-operator", "meshlift-auditor");

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private DashboardLogin() {}

    /** Creates the user and returns its password. */
    static String create(KeycloakServer keycloak, WorkDir work) {
        JsonHttp http = new JsonHttp();
        String admin = JsonHttp.bearer(adminToken(http, keycloak));
        String password = randomPassword();
        URI users = URI.create(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/users");
        Map<String, Object> user = Map.of(
                "username",
                USERNAME,
                "enabled",
                true,
                "firstName",
                "Quickstart",
                "lastName",
                "Operator",
                "email",
                "quickstart@meshlift.invalid",
                "emailVerified",
                true,
                "credentials",
                List.of(Map.of("type", "password", "value", password, "temporary", false)));
        String location = http.send("POST", users, admin, "application/json", JsonHttp.json(user))
                .location()
                .orElseThrow(
                        () -> new QuickstartException("Keycloak created user " + USERNAME + " without a Location"));
        List<JsonNode> roles = new ArrayList<>();
        for (String role : ROLES) {
            URI uri = URI.create(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/roles/" + role);
            roles.add(http.send("GET", uri, admin, null, null).body());
        }
        http.send(
                "POST", URI.create(location + "/role-mappings/realm"), admin, "application/json", JsonHttp.json(roles));
        WorkDir.writeSecret(
                work.secrets().resolve("dashboard-login"), "username=" + USERNAME + "\npassword=" + password + "\n");
        return password;
    }

    private static String adminToken(JsonHttp http, KeycloakServer keycloak) {
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(keycloak.adminUsername())
                + "&password=" + encode(keycloak.adminPassword());
        URI token = URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token");
        return http.send("POST", token, null, "application/x-www-form-urlencoded", form)
                .body()
                .path("access_token")
                .asText();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
