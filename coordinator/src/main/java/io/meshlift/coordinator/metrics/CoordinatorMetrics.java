package io.meshlift.coordinator.metrics;

import java.util.Locale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.transfer.TransferReport;
import io.meshlift.core.metrics.MeshliftMetric;

/**
 * The counters of the coordinator, behind plain methods so that report, audit and ledger code calls one
 * line and never touches Micrometer. Every tag value is registered up front: a series exists (at 0)
 * before its first event, which keeps {@code rate()} and {@code increase()} right from the start.
 */
// Created at start-up, not at first use, so every series is scraped (at 0) before the first event.
@Startup
@ApplicationScoped
public class CoordinatorMetrics {

    /** The {@code kind} tag of {@link MeshliftMetric#COORDINATOR_REPORTS_RECEIVED}. */
    enum ReportKind {
        PROGRESS,
        FILE,
        FINISHED,
        REFUSED,
        DELETED,
        PEER_REFUSED,
        EMPTY
    }

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    private final Counter filesVerified;
    private final Counter filesMismatched;

    CoordinatorMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
        for (ReportKind kind : ReportKind.values()) {
            reports(kind);
        }
        for (LedgerKind kind : LedgerKind.values()) {
            ledgerAppends(kind);
        }
        filesVerified = counter(MeshliftMetric.COORDINATOR_FILES_VERIFIED);
        filesMismatched = counter(MeshliftMetric.COORDINATOR_FILES_MISMATCHED);
    }

    /** A report arrived on a control stream (counted before it is applied, replays too). */
    public void reportReceived(TransferReport report) {
        reports(kindOf(report.body())).increment();
    }

    /**
     * A verified file was stored for the first time (not for a replay of a stored one).
     *
     * @param digestsMatch whether the destination digest equals the source digest
     */
    public void fileRecorded(boolean digestsMatch) {
        (digestsMatch ? filesVerified : filesMismatched).increment();
    }

    /**
     * A ledger record was written in the current transaction: counted once it commits, so a rolled back
     * append (a lost race on the ledger head, a failed report) never shows.
     */
    public void ledgerAppended(LedgerKind kind) {
        Counter counter = ledgerAppends(kind);
        if (transactions.getTransactionKey() == null) {
            counter.increment();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }

    private Counter reports(ReportKind kind) {
        return Counter.builder(MeshliftMetric.COORDINATOR_REPORTS_RECEIVED.metricName())
                .description(MeshliftMetric.COORDINATOR_REPORTS_RECEIVED.description())
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter ledgerAppends(LedgerKind kind) {
        return Counter.builder(MeshliftMetric.COORDINATOR_LEDGER_APPENDS.metricName())
                .description(MeshliftMetric.COORDINATOR_LEDGER_APPENDS.description())
                .tag("kind", kind.name())
                .register(registry);
    }

    private Counter counter(MeshliftMetric metric) {
        return Counter.builder(metric.metricName())
                .description(metric.description())
                .register(registry);
    }

    private static ReportKind kindOf(TransferReport.Body body) {
        if (body == null) {
            return ReportKind.EMPTY;
        }
        if (body instanceof TransferReport.Progress) {
            return ReportKind.PROGRESS;
        }
        if (body instanceof TransferReport.FileVerified) {
            return ReportKind.FILE;
        }
        if (body instanceof TransferReport.Finished) {
            return ReportKind.FINISHED;
        }
        if (body instanceof TransferReport.Refused) {
            return ReportKind.REFUSED;
        }
        if (body instanceof TransferReport.Deleted) {
            return ReportKind.DELETED;
        }
        return ReportKind.PEER_REFUSED;
    }
}
