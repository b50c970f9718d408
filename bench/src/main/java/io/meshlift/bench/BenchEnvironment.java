package io.meshlift.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.meshlift.bench.process.CoordinatorJvm;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * What the benchmarks of one run share: the work and results directories, the coordinator runner, one
 * real PostgreSQL server (a fresh database per benchmark) and one real Keycloak (the testkit's shared
 * server with the {@code meshlift} realm), each started on first use and stopped at the end.
 */
public final class BenchEnvironment implements AutoCloseable {

    private final Path workDir;
    private final Path resultsDir;
    private final Path coordinatorRunner;
    private EmbeddedPostgres postgres;

    public BenchEnvironment(Path workDir, Path resultsDir, Path coordinatorRunner) {
        this.workDir = workDir;
        this.resultsDir = resultsDir;
        this.coordinatorRunner = coordinatorRunner;
    }

    public Path workDir(String name) {
        Path dir = workDir.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path resultsDir() {
        return resultsDir;
    }

    public KeycloakServer keycloak() {
        return KeycloakServer.shared();
    }

    /** A fresh, empty database of the run's PostgreSQL server; returns its JDBC URL (user postgres). */
    public synchronized String createDatabase(String name) {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(workDir.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /** The collation PostgreSQL sorts text by in new databases (recorded in the results). */
    public synchronized String databaseCollation() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT datcollate FROM pg_database WHERE datname = 'postgres'")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** A PostgreSQL coordinator on {@code jdbcUrl} with a fixed heap, trusting the run's Keycloak realm. */
    public CoordinatorJvm coordinator(String name, String jdbcUrl, String heap, Map<String, String> extra) {
        Path dir = workDir(name);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("coordinator.data-dir", dir.resolve("data").toString());
        settings.put("MESHLIFT_DB_URL", jdbcUrl);
        settings.put("MESHLIFT_DB_USERNAME", "postgres");
        settings.put("MESHLIFT_OIDC_URL", keycloak().realmUrl(KeycloakServer.REALM));
        settings.putAll(extra);
        CoordinatorJvm coordinator =
                new CoordinatorJvm(coordinatorRunner, dir.resolve("coordinator.log"), heap, settings);
        coordinator.start();
        return coordinator;
    }

    /** Access tokens of a test client of the {@code meshlift} realm, refreshed before they expire. */
    public Supplier<String> tokens(String clientId) {
        return keycloak().refreshingToken(KeycloakServer.REALM, clientId);
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
