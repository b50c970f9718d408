package io.meshlift.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application's configuration as a pod would see it, resolved the way Quarkus does for the keys
 * these checks read: the built-in application.properties (with the active profile's {@code %profile.}
 * keys), the mounted file on top of it, and environment variables on top of both.
 */
final class AppConfig {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");

    private final Map<String, String> values;
    private final Map<String, String> environment;

    private AppConfig(Map<String, String> values, Map<String, String> environment) {
        this.values = values;
        this.environment = environment;
    }

    static AppConfig resolve(Properties builtIn, String profile, Properties mounted, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        builtIn.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .forEach(key -> values.put(key, builtIn.getProperty(key)));
        String prefix = "%" + profile + ".";
        builtIn.stringPropertyNames().stream()
                .filter(key -> !profile.isEmpty() && key.startsWith(prefix))
                .forEach(key -> values.put(key.substring(prefix.length()), builtIn.getProperty(key)));
        mounted.stringPropertyNames().forEach(key -> values.put(key, mounted.getProperty(key)));
        return new AppConfig(values, environment);
    }

    /** The value of {@code key}, an environment variable named after it winning, as in Quarkus. */
    Optional<String> get(String key) {
        String fromEnvironment = environment.get(environmentName(key));
        return Optional.ofNullable(fromEnvironment != null ? fromEnvironment : values.get(key));
    }

    Optional<Integer> port(String key) {
        return get(key).map(String::trim).map(Integer::valueOf);
    }

    Map<String, String> withPrefix(String prefix) {
        Map<String, String> matching = new LinkedHashMap<>();
        values.keySet().stream()
                .filter(key -> key.startsWith(prefix))
                .forEach(key -> matching.put(key, get(key).orElseThrow()));
        return matching;
    }

    /** Names in {@code ${NAME}} expressions (without a default) that neither a key nor the environment defines. */
    Set<String> unresolvedExpressions() {
        Set<String> unresolved = new LinkedHashSet<>();
        for (String value : values.values()) {
            Matcher expression = EXPRESSION.matcher(value);
            while (expression.find()) {
                String name = expression.group(1);
                boolean hasDefault = expression.group(2) != null;
                if (!hasDefault && !values.containsKey(name) && !environment.containsKey(name)) {
                    unresolved.add(name);
                }
            }
        }
        return unresolved;
    }

    /** {@code quarkus.http.port} -> {@code QUARKUS_HTTP_PORT}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static Properties load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Properties parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
