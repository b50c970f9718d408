package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.coordinator.job.JobRepository;

/**
 * Reads committed ledger records page by page, each page in its own short transaction, so verifying or
 * exporting millions of records neither holds a transaction open nor grows the heap.
 */
@ApplicationScoped
class LedgerReader {

    private final LedgerRepository ledger;
    private final JobRepository jobs;
    private final int pageSize;

    LedgerReader(LedgerRepository ledger, JobRepository jobs, CoordinatorConfig config) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.pageSize = config.audit().pageSize();
    }

    LedgerHead head() {
        return QuarkusTransaction.requiringNew().call(ledger::readHead);
    }

    /**
     * @throws io.meshlift.coordinator.job.JobNotFoundException if there is no such job
     */
    Optional<LedgerRepository.SeqRange> rangeOf(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            jobs.require(jobId);
            return ledger.rangeOf(jobId);
        });
    }

    /** Feeds the records with {@code from <= seq <= to} to {@code visitor} in seq order until it returns false. */
    void scan(long from, long to, Predicate<LedgerRecord> visitor) {
        long after = from - 1;
        while (after < to) {
            long cursor = after;
            List<LedgerRecord> page = QuarkusTransaction.requiringNew().call(() -> ledger.page(cursor, to, pageSize));
            for (LedgerRecord record : page) {
                if (!visitor.test(record)) {
                    return;
                }
            }
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).seq;
        }
    }
}
