package io.meshlift.coordinator.swarm;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.audit.LedgerRepository;
import io.meshlift.coordinator.audit.LedgerService;
import io.meshlift.coordinator.transfer.Transfer;

/**
 * Swarm peers reported for sending corrupt chunks. The audit ledger is the record: each report appends a
 * {@link LedgerKind#SWARM_PEER_QUARANTINED} entry, and the quarantined set of a swarm (job and dataset) is
 * read back from those entries, so every coordinator replica sees the same set and it survives restarts.
 */
@ApplicationScoped
public class SwarmQuarantines {

    private static final Logger LOG = Logger.getLogger(SwarmQuarantines.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerService ledger;
    private final LedgerRepository records;

    SwarmQuarantines(LedgerService ledger, LedgerRepository records) {
        this.ledger = ledger;
        this.records = records;
    }

    /** What a destination reported about a peer of its swarm. */
    public record Report(
            String peerAgent,
            String path,
            int chunkIndex,
            String expectedSha256,
            String actualSha256,
            java.time.Instant quarantinedAt) {}

    /** Records, in the caller's transaction, that {@code reporter} quarantined a peer of its transfer's swarm. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String reporter, Transfer transfer, Report report) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("dataset", transfer.dataset);
        payload.put("peer", report.peerAgent());
        payload.put("reporter", reporter);
        payload.put("transferId", transfer.id.toString());
        payload.put("path", report.path());
        payload.put("chunkIndex", report.chunkIndex());
        payload.put("expectedSha256", report.expectedSha256());
        payload.put("actualSha256", report.actualSha256());
        payload.put("quarantinedAt", report.quarantinedAt().toString());
        ledger.append(transfer.jobId, LedgerKind.SWARM_PEER_QUARANTINED, payload);
        LOG.warnf(
                "agent %s quarantined swarm peer %s for job %s, dataset %s: chunk %d of '%s' had sha256 %s, expected %s",
                reporter,
                report.peerAgent(),
                transfer.jobId,
                transfer.dataset,
                report.chunkIndex(),
                report.path(),
                report.actualSha256(),
                report.expectedSha256());
    }

    /** Agents quarantined in the swarm of {@code dataset} in job {@code jobId}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> of(UUID jobId, String dataset) {
        Set<String> quarantined = new TreeSet<>();
        records.list("jobId = ?1 and kind = ?2", jobId, LedgerKind.SWARM_PEER_QUARANTINED.name())
                .forEach(record -> {
                    try {
                        JsonNode payload = JSON.readTree(record.payload);
                        if (dataset.equals(payload.path("dataset").asText())) {
                            quarantined.add(payload.path("peer").asText());
                        }
                    } catch (IOException e) {
                        LOG.errorf("ledger record %d has an unreadable payload: %s", record.seq, e.getMessage());
                    }
                });
        return quarantined;
    }
}
