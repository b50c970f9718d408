package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class LedgerRepository implements PanacheRepositoryBase<LedgerRecord, Long> {

    /** The chain head, locked until the transaction ends ({@code SELECT ... FOR UPDATE}). */
    public LedgerHead lockHead() {
        return getEntityManager().find(LedgerHead.class, LedgerHead.ID, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The committed chain head, unlocked. */
    public LedgerHead readHead() {
        return getEntityManager().find(LedgerHead.class, LedgerHead.ID);
    }

    /** Up to {@code limit} records with {@code afterSeq < seq <= toSeq}, in seq order. */
    public List<LedgerRecord> page(long afterSeq, long toSeq, int limit) {
        return find("seq > ?1 and seq <= ?2", Sort.by("seq"), afterSeq, toSeq)
                .page(Page.ofSize(limit))
                .list();
    }

    /** The first and last seq of a job's records, if it has any. */
    public Optional<SeqRange> rangeOf(UUID jobId) {
        Object[] row = getEntityManager()
                .createQuery("select min(r.seq), max(r.seq) from LedgerRecord r where r.jobId = ?1", Object[].class)
                .setParameter(1, jobId)
                .getSingleResult();
        return row[0] == null ? Optional.empty() : Optional.of(new SeqRange((Long) row[0], (Long) row[1]));
    }

    /** An inclusive range of seqs. */
    public record SeqRange(long first, long last) {}
}
