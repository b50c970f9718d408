package io.meshlift.cli.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.core.pki.AtomicFiles;

/**
 * Keeps the {@link Session} in {@code session.json} of the configuration directory: the directory 0700,
 * the file 0600, replaced atomically. A session file that others can read is refused rather than used,
 * as ssh does with keys.
 */
public final class SessionStore {

    public static final String FILE_NAME = "session.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private final Path dir;

    public SessionStore(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    public Optional<Session> load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            requirePrivate(file);
            return Optional.of(read(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.AUTH, "cannot read " + file + " (" + e.getMessage() + "); run meshlift login again", e);
        }
    }

    public void save(Session session) {
        try {
            Files.createDirectories(dir);
            PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(PosixFilePermissions.fromString("rwx------"));
            }
            AtomicFiles.write(file(), JSON.writeValueAsBytes(write(session)), true);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    /** @return whether there was a session to delete */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot delete " + file() + ": " + e.getMessage(), e);
        }
    }

    private static void requirePrivate(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new CliException(
                    ExitCodes.AUTH,
                    file + " is readable or writable by others (" + PosixFilePermissions.toString(permissions)
                            + "); it holds tokens. Delete it and run meshlift login again");
        }
    }

    private static ObjectNode write(Session s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("coordinator", s.coordinator());
        node.put("issuer", s.issuer());
        node.put("clientId", s.clientId());
        node.put("grant", s.grant());
        node.put("clientSecretFile", s.clientSecretFile());
        node.put("accessToken", s.accessToken());
        node.put("accessTokenExpiresAt", epoch(s.accessTokenExpiresAt()));
        node.put("refreshToken", s.refreshToken());
        node.put("refreshTokenExpiresAt", epoch(s.refreshTokenExpiresAt()));
        node.put("principal", s.principal());
        return node;
    }

    private static Session read(JsonNode node) {
        return new Session(
                text(node, "coordinator"),
                text(node, "issuer"),
                text(node, "clientId"),
                text(node, "grant"),
                text(node, "clientSecretFile"),
                text(node, "accessToken"),
                instant(node, "accessTokenExpiresAt"),
                text(node, "refreshToken"),
                instant(node, "refreshTokenExpiresAt"),
                text(node, "principal"));
    }

    private static Long epoch(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.ofEpochSecond(value.asLong());
    }
}
