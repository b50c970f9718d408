package io.meshlift.coordinator.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Alters the ledger behind the service's back, with plain SQL, as an attacker with database access would. */
@ApplicationScoped
public class LedgerTampering {

    private final EntityManager em;

    LedgerTampering(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public LedgerRecord read(long seq) {
        LedgerRecord record = em.find(LedgerRecord.class, seq);
        em.detach(record);
        return record;
    }

    @Transactional
    public void setPayload(long seq, String payload) {
        update("UPDATE audit_ledger SET payload = ?1 WHERE seq = ?2", payload, seq);
    }

    @Transactional
    public void setPayloadAndHash(long seq, String payload, String hash) {
        update("UPDATE audit_ledger SET payload = ?1, hash = ?2 WHERE seq = ?3", payload, hash, seq);
    }

    @Transactional
    public void delete(long seq) {
        update("DELETE FROM audit_ledger WHERE seq = ?1", seq);
    }

    /** Puts a record back exactly as {@link #read} returned it. */
    @Transactional
    public void restore(LedgerRecord original) {
        em.createNativeQuery("DELETE FROM audit_ledger WHERE seq = ?1")
                .setParameter(1, original.seq)
                .executeUpdate();
        em.merge(original);
    }

    private void update(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        if (query.executeUpdate() != 1) {
            throw new IllegalStateException("tampering changed no row: " + sql);
        }
    }
}
