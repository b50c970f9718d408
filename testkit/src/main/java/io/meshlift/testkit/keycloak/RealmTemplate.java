package io.meshlift.testkit.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A realm import file from a classpath template. Every client secret and every user password in the template
 * is the placeholder {@value #PLACEHOLDER}; {@link #render} replaces each with a fresh random value, so no
 * secret is ever committed and every run has its own.
 */
public final class RealmTemplate {

    /** The only value a template may give a client's {@code secret}. */
    public static final String PLACEHOLDER = "{{random}}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String resource;

    private RealmTemplate(String resource) {
        this.resource = resource;
    }

    /** The {@code meshlift} realm: roles, the coordinator audience, the CLI, provisioner and test clients. */
    public static RealmTemplate meshlift() {
        return new RealmTemplate("keycloak/meshlift-realm.json");
    }

    /** The {@code other} realm: same role names, a {@code meshlift-test-admin} client; tokens of the wrong realm. */
    public static RealmTemplate other() {
        return new RealmTemplate("keycloak/other-realm.json");
    }

    /** Any template on the classpath, e.g. one of a test's own. */
    public static RealmTemplate fromResource(String resource) {
        return new RealmTemplate(resource);
    }

    /** Reads the template and gives every confidential client a new random secret, every user a new password. */
    public Rendered render() {
        ObjectNode realm = read();
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> passwords = renderPasswords(realm);
        for (JsonNode client : realm.path("clients")) {
            JsonNode secret = client.get("secret");
            if (secret == null) {
                continue;
            }
            String clientId = client.path("clientId").asText();
            if (!PLACEHOLDER.equals(secret.asText())) {
                throw new IllegalStateException(
                        resource + ": client " + clientId + " must have the secret " + PLACEHOLDER + ", not a literal");
            }
            String generated = randomSecret();
            ((ObjectNode) client).put("secret", generated);
            secrets.put(clientId, generated);
        }
        try {
            return new Rendered(
                    realm.path("realm").asText(),
                    JSON.writeValueAsString(realm),
                    Map.copyOf(secrets),
                    Map.copyOf(passwords));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Users who log in through Keycloak's form (the dashboard's tests) get a password generated per run. */
    private Map<String, String> renderPasswords(ObjectNode realm) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (JsonNode user : realm.path("users")) {
            String username = user.path("username").asText();
            for (JsonNode credential : user.path("credentials")) {
                if (!"password".equals(credential.path("type").asText())) {
                    continue;
                }
                if (!PLACEHOLDER.equals(credential.path("value").asText())) {
                    throw new IllegalStateException(resource + ": user " + username + " must have the password "
                            + PLACEHOLDER + ", not a literal");
                }
                String generated = randomSecret();
                ((ObjectNode) credential).put("value", generated);
                passwords.put(username, generated);
            }
        }
        return passwords;
    }

    private ObjectNode read() {
        try (InputStream in = RealmTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no realm template on the classpath at " + resource);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read realm template " + resource, e);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A realm ready to import.
     *
     * @param name the realm's name
     * @param json the import file's content, secrets included: write it only where the server reads it
     * @param clientSecrets client id to its generated secret
     * @param userPasswords user name to its generated password
     */
    public record Rendered(
            String name, String json, Map<String, String> clientSecrets, Map<String, String> userPasswords) {

        @Override
        public String toString() {
            return "Rendered[" + name + ", clients with secrets " + clientSecrets.keySet() + ", users with passwords "
                    + userPasswords.keySet() + "]";
        }
    }
}
