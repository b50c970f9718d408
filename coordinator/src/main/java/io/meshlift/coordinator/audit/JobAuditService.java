package io.meshlift.coordinator.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.coordinator.job.Job;
import io.meshlift.coordinator.job.JobRepository;
import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferNotFoundException;
import io.meshlift.coordinator.transfer.TransferRepository;

/**
 * A job's audit: per destination, the dataset digests and every verified file with its digests. Rows come
 * in (transfer, path) order: transfers as the job lists them (dataset, then destination), paths by bytes.
 */
@ApplicationScoped
public class JobAuditService {

    /** A prepared export; writing it streams the rows page by page, each page in its own transaction. */
    @FunctionalInterface
    public interface Export {
        void writeTo(OutputStream out) throws IOException;
    }

    private final JobRepository jobs;
    private final TransferRepository transfers;
    private final FileAuditReader reader;
    private final int pageSize;

    JobAuditService(
            JobRepository jobs, TransferRepository transfers, FileAuditReader reader, CoordinatorConfig config) {
        this.jobs = jobs;
        this.transfers = transfers;
        this.reader = reader;
        this.pageSize = config.audit().pageSize();
    }

    /**
     * The job's transfers and up to {@code limit} file rows matching {@code query}.
     *
     * @throws io.meshlift.coordinator.job.JobNotFoundException if there is no such job
     * @throws TransferNotFoundException if {@code query} names a transfer (or cursor transfer) not of the job
     */
    public JobAudit audit(UUID jobId, FileAuditQuery query, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job job = jobs.require(jobId);
            List<TransferAudit> scope = scope(jobId, query);
            List<FileAuditRow> rows = new ArrayList<>();
            int from = start(scope, query);
            for (int i = from; i < scope.size() && rows.size() <= limit; i++) {
                TransferAudit transfer = scope.get(i);
                String after = i == from
                        ? query.after().map(FileAuditQuery.Cursor::path).orElse(null)
                        : null;
                for (FileRecord record :
                        reader.page(transfer.transferId(), after, query.statuses(), limit + 1 - rows.size())) {
                    rows.add(FileAuditRow.of(transfer, record));
                }
            }
            String next = null;
            if (rows.size() > limit) {
                rows = rows.subList(0, limit);
                next = rows.get(limit - 1).cursor();
            }
            return new JobAudit(job.id, job.state, job.pass, scope, List.copyOf(rows), next);
        });
    }

    /**
     * Checks the job and transfer now, so the caller can answer 404 before streaming starts.
     *
     * @throws io.meshlift.coordinator.job.JobNotFoundException if there is no such job
     * @throws TransferNotFoundException if {@code query} names a transfer not of the job
     */
    public Export export(UUID jobId, FileAuditQuery query, AuditExportFormat format) {
        List<TransferAudit> scope = QuarkusTransaction.requiringNew().call(() -> {
            jobs.require(jobId);
            return scope(jobId, query);
        });
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            Optional<String> header = format.header();
            if (header.isPresent()) {
                writer.write(header.get());
            }
            int from = start(scope, query);
            for (int i = from; i < scope.size(); i++) {
                TransferAudit transfer = scope.get(i);
                String after = i == from
                        ? query.after().map(FileAuditQuery.Cursor::path).orElse(null)
                        : null;
                while (true) {
                    String cursor = after;
                    List<FileAuditRow> page = QuarkusTransaction.requiringNew()
                            .call(() -> reader.page(transfer.transferId(), cursor, query.statuses(), pageSize).stream()
                                    .map(record -> FileAuditRow.of(transfer, record))
                                    .toList());
                    for (FileAuditRow row : page) {
                        Optional<String> line = format.line(row);
                        if (line.isPresent()) {
                            writer.write(line.get());
                        }
                    }
                    if (page.size() < pageSize) {
                        break;
                    }
                    after = page.get(page.size() - 1).path();
                }
            }
            writer.flush();
        };
    }

    /** The transfers the query covers, with their counts; inside a transaction. */
    private List<TransferAudit> scope(UUID jobId, FileAuditQuery query) {
        List<Transfer> selected = transfers.listByJob(jobId);
        for (UUID named : namedTransfers(query)) {
            if (selected.stream().noneMatch(t -> t.id.equals(named))) {
                throw new TransferNotFoundException(named);
            }
        }
        if (query.transferId().isPresent()) {
            UUID only = query.transferId().get();
            selected = selected.stream().filter(t -> t.id.equals(only)).toList();
        }
        Map<UUID, TransferAudit.FileCounts> counts =
                reader.counts(selected.stream().map(t -> t.id).toList());
        return selected.stream()
                .map(t -> TransferAudit.of(t, counts.getOrDefault(t.id, TransferAudit.FileCounts.NONE)))
                .toList();
    }

    private static List<UUID> namedTransfers(FileAuditQuery query) {
        List<UUID> named = new ArrayList<>();
        query.transferId().ifPresent(named::add);
        query.after().map(FileAuditQuery.Cursor::transferId).ifPresent(named::add);
        return named;
    }

    /** Index in {@code scope} of the cursor's transfer, or 0 without a cursor. */
    private static int start(List<TransferAudit> scope, FileAuditQuery query) {
        if (query.after().isEmpty()) {
            return 0;
        }
        UUID transfer = query.after().get().transferId();
        for (int i = 0; i < scope.size(); i++) {
            if (scope.get(i).transferId().equals(transfer)) {
                return i;
            }
        }
        // The cursor's transfer is of the job but outside the transferId filter: nothing after it.
        return scope.size();
    }
}
