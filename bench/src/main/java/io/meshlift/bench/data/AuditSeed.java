package io.meshlift.bench.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes finished jobs with their file records straight into the schema Flyway created (the coordinator
 * must have started once on the database). File records go in with {@code COPY}, in a scattered order
 * (not path order), so the table is not laid out in the order the export reads it.
 *
 * <p>Records are what agents report: per file a size, the source SHA-256 and the destination SHA-256
 * (equal for almost all; a few mismatches and missing files, so the status filters have work to do).
 */
public final class AuditSeed {

    /** One seeded job. */
    public record SeededJob(UUID jobId, List<UUID> transferIds, long filesPerTransfer) {}

    private static final int COPY_BUFFER = 1 << 20;
    /** One file in this many is a mismatch, and one in this many (offset) is missing. */
    private static final int ANOMALY_EVERY = 1000;

    private final String jdbcUrl;

    public AuditSeed(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** A SUCCEEDED job of {@code transfers} destinations with {@code filesPerTransfer} file records each. */
    public SeededJob job(String name, int transfers, long filesPerTransfer) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.setAutoCommit(false);
            UUID planId = UUID.randomUUID();
            UUID jobId = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement plan = connection.prepareStatement(
                    "INSERT INTO plans (id, name, yaml, created_at, created_by) VALUES (?, ?, ?, ?, 'bench')")) {
                plan.setObject(1, planId);
                plan.setString(2, name);
                plan.setString(3, planYaml(name, transfers));
                plan.setTimestamp(4, now);
                plan.executeUpdate();
            }
            try (PreparedStatement job = connection.prepareStatement(
                    "INSERT INTO jobs (id, plan_id, state, created_at, started_at, finished_at, version, pass)"
                            + " VALUES (?, ?, 'SUCCEEDED', ?, ?, ?, 0, 1)")) {
                job.setObject(1, jobId);
                job.setObject(2, planId);
                job.setTimestamp(3, now);
                job.setTimestamp(4, now);
                job.setTimestamp(5, now);
                job.executeUpdate();
            }
            List<UUID> transferIds = new ArrayList<>();
            for (int t = 0; t < transfers; t++) {
                UUID transferId = UUID.randomUUID();
                insertTransfer(connection, jobId, transferId, t, filesPerTransfer, now);
                transferIds.add(transferId);
            }
            connection.commit();
            for (int t = 0; t < transfers; t++) {
                copyFileRecords(connection, transferIds.get(t), destination(t), filesPerTransfer, now);
                connection.commit();
            }
            return new SeededJob(jobId, transferIds, filesPerTransfer);
        }
    }

    /** Refreshes the planner's statistics and the id sequence after a bulk load. */
    public void analyze() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
            statement.execute("SELECT setval('file_records_seq', (SELECT coalesce(max(id), 0) + 1 FROM file_records))");
        }
    }

    /** Drops the PostgreSQL index that serves the audit's path byte order (migration V4_1), for a comparison. */
    public void dropPathOrderIndex() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX file_records_transfer_path_bytes");
        }
    }

    private static void insertTransfer(
            Connection connection, UUID jobId, UUID transferId, int index, long files, Timestamp now)
            throws SQLException {
        try (PreparedStatement transfer = connection.prepareStatement("INSERT INTO transfers (id, job_id, dataset,"
                + " source_agent, source_volume, source_path, destination_agent, destination_volume, destination_path,"
                + " state, attempts, bytes_total, bytes_done, files_total, files_done, version, failures,"
                + " source_digest, destination_digest, finished_at)"
                + " VALUES (?, ?, 'dataset', 'src-01', 'data', 'archive', ?, 'data', 'archive',"
                + " 'SUCCEEDED', 1, ?, ?, ?, ?, 0, 0, ?, ?, ?)")) {
            String digest = sha256Hex("dataset-" + transferId);
            transfer.setObject(1, transferId);
            transfer.setObject(2, jobId);
            transfer.setString(3, destination(index));
            transfer.setLong(4, files * 65536);
            transfer.setLong(5, files * 65536);
            transfer.setLong(6, files);
            transfer.setLong(7, files);
            transfer.setString(8, digest);
            transfer.setString(9, digest);
            transfer.setTimestamp(10, now);
            transfer.executeUpdate();
        }
    }

    private static void copyFileRecords(
            Connection connection, UUID transferId, String destinationAgent, long files, Timestamp now)
            throws SQLException {
        long firstId = firstFreeId(connection);
        CopyIn copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY file_records (id, transfer_id,"
                        + " path, size, source_sha256, destination_sha256, verified_at, verified_by, pass) FROM STDIN");
        String verifiedAt = now.toInstant().toString();
        StringBuilder rows = new StringBuilder(COPY_BUFFER + 4096);
        long stride = coprimeStride(files);
        try {
            for (long i = 0; i < files; i++) {
                // i -> (i * stride) mod files is a permutation: rows go in scattered, not in path order.
                long file = (i * stride) % files;
                String source = sha256Hex(transferId + "/" + file);
                String destination = file % ANOMALY_EVERY == 7
                        ? sha256Hex("corrupt/" + file)
                        : file % ANOMALY_EVERY == 13 ? "" : source;
                rows.append(firstId + i).append('\t').append(transferId).append('\t');
                rows.append(path(file)).append('\t').append(size(file)).append('\t');
                rows.append(source).append('\t').append(destination).append('\t');
                rows.append(verifiedAt)
                        .append('\t')
                        .append(destinationAgent)
                        .append('\t')
                        .append(1)
                        .append('\n');
                if (rows.length() >= COPY_BUFFER) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Ids after every existing one; {@link #analyze()} moves the sequence past them afterwards. */
    private static long firstFreeId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM file_records")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A relative path as a dataset has them: a few levels of directories, 1,000 files per directory. */
    public static String path(long file) {
        return String.format("projects/p%03d/run-%04d/part-%07d.parquet", file / 100_000, file / 1000, file);
    }

    private static String destination(int index) {
        return String.format("dst-%02d", index + 1);
    }

    private static long size(long file) {
        return 4096 + (file * 7919) % (1 << 20);
    }

    private static long coprimeStride(long n) {
        long stride = 7_919;
        while (gcd(stride, n) != 1) {
            stride += 2;
        }
        return stride;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String planYaml(String name, int transfers) {
        StringBuilder yaml = new StringBuilder("apiVersion: meshlift/v1\nkind: MigrationPlan\nmetadata: { name: ")
                .append(name)
                .append(" }\nspec:\n  datasets:\n    - name: dataset\n")
                .append("      source: { agent: src-01, volume: data, path: archive }\n      destinations:\n");
        for (int t = 0; t < transfers; t++) {
            yaml.append("        - { agent: ").append(destination(t)).append(", volume: data, path: archive }\n");
        }
        return yaml.toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
