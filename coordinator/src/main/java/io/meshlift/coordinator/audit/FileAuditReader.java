package io.meshlift.coordinator.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The audit's queries over {@code file_records}. Pages are read by keyset (path after the last one
 * read), so a page costs the same wherever it starts and nothing holds a cursor open between pages.
 *
 * <p>Paths are ordered by their bytes, as {@code LC_ALL=C sort} and the dataset digest order them. On
 * PostgreSQL the comparison uses the {@code ucs_basic} collation (code point order, which is UTF-8 byte
 * order) whatever the database's default collation is. H2 compares strings by UTF-16 code units, which
 * agrees with byte order except for characters beyond U+FFFF against U+E000..U+FFFF.
 */
@ApplicationScoped
class FileAuditReader {

    private final FileRecordRepository files;
    private volatile String pathExpression;

    FileAuditReader(FileRecordRepository files) {
        this.files = files;
    }

    /**
     * Up to {@code limit} records of one transfer with a path after {@code afterPath} (all when null), in
     * path byte order. Call inside a transaction; the entities are managed until it ends.
     */
    List<FileRecord> page(UUID transferId, String afterPath, Set<FileAuditStatus> statuses, int limit) {
        String path = pathExpression();
        StringBuilder hql = new StringBuilder("from FileRecord f where f.transferId = :transfer");
        if (afterPath != null) {
            hql.append(" and ").append(path).append(" > ").append(path.replace("f.path", ":after"));
        }
        hql.append(statusCondition(statuses));
        hql.append(" order by ").append(path);
        TypedQuery<FileRecord> query = em().createQuery(hql.toString(), FileRecord.class)
                .setParameter("transfer", transferId)
                .setMaxResults(limit);
        if (afterPath != null) {
            query.setParameter("after", afterPath);
        }
        return query.getResultList();
    }

    /** Record counts per transfer, by status. Call inside a transaction. */
    Map<UUID, TransferAudit.FileCounts> counts(List<UUID> transferIds) {
        Map<UUID, TransferAudit.FileCounts> counts = new HashMap<>();
        if (transferIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = em().createQuery(
                        "select f.transferId, count(f),"
                                + " sum(case when f.destinationSha256 = f.sourceSha256 then 1 else 0 end),"
                                + " sum(case when f.destinationSha256 = '' then 1 else 0 end)"
                                + " from FileRecord f where f.transferId in :ids group by f.transferId",
                        Object[].class)
                .setParameter("ids", new ArrayList<>(transferIds))
                .getResultList();
        for (Object[] row : rows) {
            long recorded = ((Number) row[1]).longValue();
            long match = ((Number) row[2]).longValue();
            long missing = ((Number) row[3]).longValue();
            counts.put(
                    (UUID) row[0],
                    new TransferAudit.FileCounts(0, recorded, match, recorded - match - missing, missing, 0));
        }
        return counts;
    }

    private static String statusCondition(Set<FileAuditStatus> statuses) {
        if (statuses.isEmpty() || statuses.size() == FileAuditStatus.values().length) {
            return "";
        }
        List<String> conditions = new ArrayList<>();
        for (FileAuditStatus status : statuses) {
            conditions.add(
                    switch (status) {
                        case MATCH -> "f.destinationSha256 = f.sourceSha256";
                        case MISMATCH -> "(f.destinationSha256 <> f.sourceSha256 and f.destinationSha256 <> '')";
                        case MISSING -> "f.destinationSha256 = ''";
                    });
        }
        return " and (" + String.join(" or ", conditions) + ")";
    }

    private String pathExpression() {
        String expression = pathExpression;
        if (expression == null) {
            boolean postgres = em().getEntityManagerFactory()
                            .unwrap(SessionFactoryImplementor.class)
                            .getJdbcServices()
                            .getDialect()
                    instanceof PostgreSQLDialect;
            expression = postgres ? "collate(f.path as ucs_basic)" : "f.path";
            pathExpression = expression;
        }
        return expression;
    }

    private EntityManager em() {
        return files.getEntityManager();
    }
}
