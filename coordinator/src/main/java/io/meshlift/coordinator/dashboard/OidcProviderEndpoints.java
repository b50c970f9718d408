package io.meshlift.coordinator.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The endpoints of the realm the REST API trusts, read from its OpenID discovery document by the coordinator
 * (so the browser needs no cross-origin call to find them) and kept once read. The realm URL is the one
 * quarkus-oidc validates tokens against, so the dashboard signs people in exactly where their tokens are
 * accepted.
 */
@Singleton
class OidcProviderEndpoints {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI realmUrl;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Endpoints endpoints;

    OidcProviderEndpoints(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl, ObjectMapper json) {
        this.realmUrl = URI.create(realmUrl.endsWith("/") ? realmUrl.substring(0, realmUrl.length() - 1) : realmUrl);
        this.json = json;
    }

    /** The realm URL's origin: the one other origin the dashboard's scripts may connect to. */
    String realmOrigin() {
        return DashboardUrls.origin(realmUrl);
    }

    /**
     * @throws OidcProviderUnavailableException when the discovery document cannot be read; the next call
     *     tries again
     */
    Endpoints endpoints() {
        Endpoints known = endpoints;
        if (known == null) {
            known = discover();
            endpoints = known;
        }
        return known;
    }

    private Endpoints discover() {
        URI discovery = URI.create(realmUrl + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new OidcProviderUnavailableException(
                        "the OpenID discovery document " + discovery + " answered HTTP " + response.statusCode());
            }
            JsonNode document = json.readTree(response.body());
            return new Endpoints(
                    required(document, "issuer", discovery),
                    required(document, "authorization_endpoint", discovery),
                    required(document, "token_endpoint", discovery),
                    document.path("end_session_endpoint").asText(null));
        } catch (IOException e) {
            throw new OidcProviderUnavailableException(
                    "cannot read the OpenID discovery document " + discovery + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcProviderUnavailableException("interrupted while reading " + discovery);
        }
    }

    private static String required(JsonNode document, String field, URI discovery) {
        String value = document.path(field).asText("");
        if (value.isBlank()) {
            throw new OidcProviderUnavailableException(
                    "the OpenID discovery document " + discovery + " has no " + field);
        }
        return value;
    }

    /** What a browser client needs to sign in and refresh tokens; {@code endSession} may be null. */
    record Endpoints(String issuer, String authorization, String token, String endSession) {}
}
