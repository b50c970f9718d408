package io.meshlift.testkit.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Unpacks the Keycloak server distribution ({@code org.keycloak:keycloak-quarkus-dist} zip). */
final class KeycloakDistribution {

    /** System property with the path of the distribution zip; Maven passes the local repository's copy. */
    static final String ZIP_PROPERTY = "meshlift.keycloak.zip";

    private KeycloakDistribution() {}

    static Path zipFromSystemProperty() {
        String zip = System.getProperty(ZIP_PROPERTY);
        if (zip == null || zip.isBlank()) {
            throw new IllegalStateException(
                    "system property " + ZIP_PROPERTY + " is not set: declare"
                            + " org.keycloak:keycloak-quarkus-dist:zip as a test dependency and pass its path (see testkit/pom.xml)");
        }
        Path path = Path.of(zip);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(ZIP_PROPERTY + " names " + path + ", which is not a file");
        }
        return path;
    }

    /**
     * Unzips {@code zip} into {@code target} and returns the Keycloak home (the zip's single top directory).
     * Zip entries carry no POSIX modes here, so the scripts in {@code bin/} are made executable afterwards.
     */
    static Path unpack(Path zip, Path target) {
        Path home = null;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Path root = target.toAbsolutePath().normalize();
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IllegalStateException("zip entry escapes the target directory: " + entry.getName());
                }
                if (home == null) {
                    home = root.resolve(root.relativize(out).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack Keycloak from " + zip + " into " + target, e);
        }
        if (home == null || !Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(zip + " is not a Keycloak server distribution (no bin/kc.sh)");
        }
        try (var scripts = Files.list(home.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh"))
                    .forEach(p -> p.toFile().setExecutable(true, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }
}
