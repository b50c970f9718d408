package io.meshlift.coordinator.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row naming the chain's last record; every append locks it first. */
@Entity
@Table(name = "ledger_head")
public class LedgerHead {

    static final int ID = 1;

    @Id
    public int id;

    /** The seq of the last record, 0 for an empty ledger. */
    @Column(nullable = false)
    public long seq;

    @Column(nullable = false, length = 64)
    public String hash;
}
