package io.meshlift.cli.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.Http;

/**
 * The token endpoints of one OpenID Connect issuer (Keycloak's realm), found through its discovery
 * document. Secrets and tokens go in form bodies, never in URLs, and never into messages.
 */
final class OidcClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final String issuer;
    private JsonNode discovery;

    OidcClient(String issuer) {
        this.issuer = issuer.replaceAll("/+$", "");
    }

    /** A device authorization grant started: what the person must open and type, and what to poll with. */
    record DeviceAuthorization(
            String deviceCode,
            String userCode,
            String verificationUri,
            String verificationUriComplete,
            long expiresIn,
            long interval) {

        @Override
        public String toString() {
            return "DeviceAuthorization[userCode=" + userCode + ", verificationUri=" + verificationUri + "]";
        }
    }

    /** The outcome of one poll of the device grant. */
    sealed interface DevicePoll {
        record Granted(TokenResponse tokens) implements DevicePoll {}

        record Pending(boolean slowDown) implements DevicePoll {}
    }

    DeviceAuthorization startDeviceAuthorization(String clientId) {
        JsonNode answer =
                post(endpoint("device_authorization_endpoint"), Map.of("client_id", clientId, "scope", "openid"));
        return new DeviceAuthorization(
                answer.path("device_code").asText(),
                answer.path("user_code").asText(),
                answer.path("verification_uri").asText(),
                answer.path("verification_uri_complete").asText(""),
                answer.path("expires_in").asLong(600),
                Math.max(1, answer.path("interval").asLong(5)));
    }

    DevicePoll pollDeviceToken(String clientId, String deviceCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_CODE_GRANT);
        form.put("client_id", clientId);
        form.put("device_code", deviceCode);
        HttpResponse<String> response = send(endpoint("token_endpoint"), form);
        if (response.statusCode() == 200) {
            return new DevicePoll.Granted(TokenResponse.of(read(response.body())));
        }
        String error = read(response.body()).path("error").asText("");
        return switch (error) {
            case "authorization_pending" -> new DevicePoll.Pending(false);
            case "slow_down" -> new DevicePoll.Pending(true);
            case "expired_token" ->
                throw new CliException(
                        ExitCodes.AUTH, "the sign-in code expired before it was used; run meshlift login again");
            case "access_denied" -> throw new CliException(ExitCodes.AUTH, "the sign-in was denied");
            default -> throw refused(response);
        };
    }

    TokenResponse clientCredentials(String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return tokens(form);
    }

    TokenResponse refresh(String clientId, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return tokens(form);
    }

    /** Revokes a refresh token (RFC 7009). Best effort: the issuer may not offer revocation. */
    boolean revoke(String clientId, String refreshToken) {
        String endpoint = discovery().path("revocation_endpoint").asText("");
        if (endpoint.isEmpty()) {
            return false;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("token", refreshToken);
        form.put("token_type_hint", "refresh_token");
        return send(URI.create(endpoint), form).statusCode() == 200;
    }

    private TokenResponse tokens(Map<String, String> form) {
        HttpResponse<String> response = send(endpoint("token_endpoint"), form);
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        return TokenResponse.of(read(response.body()));
    }

    private JsonNode post(URI endpoint, Map<String, String> form) {
        HttpResponse<String> response = send(endpoint, form);
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        return read(response.body());
    }

    private HttpResponse<String> send(URI endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Http.REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return Http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI endpoint(String name) {
        String value = discovery().path(name).asText("");
        if (value.isEmpty()) {
            throw new CliException(
                    ExitCodes.AUTH,
                    "the issuer " + issuer + " does not offer " + name
                            + "; is the realm's meshlift-cli client set up for the device authorization grant?");
        }
        return URI.create(value);
    }

    private JsonNode discovery() {
        if (discovery == null) {
            URI uri = URI.create(issuer + "/.well-known/openid-configuration");
            HttpResponse<String> response = Http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Http.REQUEST_TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException(
                        response.statusCode() == 404 ? ExitCodes.NOT_FOUND : ExitCodes.UNREACHABLE,
                        "no OpenID Connect issuer at " + issuer + " (discovery answered HTTP "
                                + response.statusCode() + "); --issuer is the realm URL, e.g."
                                + " https://keycloak.example/realms/meshlift");
            }
            discovery = read(response.body());
        }
        return discovery;
    }

    /** Keycloak's {@code error} and {@code error_description}; they never contain the secret sent. */
    private CliException refused(HttpResponse<String> response) {
        JsonNode body = read(response.body());
        String error = body.path("error").asText("HTTP " + response.statusCode());
        String description = body.path("error_description").asText("");
        int exit = response.statusCode() >= 500 ? ExitCodes.UNREACHABLE : ExitCodes.AUTH;
        return new CliException(
                exit,
                "Keycloak (" + issuer + ") refused: " + error
                        + (description.isEmpty() ? "" : " (" + description + ")"));
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
