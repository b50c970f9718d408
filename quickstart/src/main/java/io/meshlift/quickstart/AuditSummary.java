package io.meshlift.quickstart;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The auditor's view of a finished job: per destination, files verified against the source's SHA-256,
 * mismatches, missing and unrecorded files; and whether the hash-chained ledger verifies, for the job and as
 * a whole.
 */
final class AuditSummary {

    private AuditSummary() {}

    /** @return the files verified over every destination */
    static long check(CoordinatorApi api, String jobId, Console console) {
        JsonNode audit = api.audit(jobId);
        List<String> problems = new ArrayList<>();
        long verified = 0;
        for (JsonNode transfer : audit.path("transfers")) {
            JsonNode files = transfer.path("files");
            long total = files.path("total").asLong();
            long match = files.path("match").asLong();
            long mismatch = files.path("mismatch").asLong();
            long missing = files.path("missing").asLong();
            long unrecorded = files.path("unrecorded").asLong();
            String destination = transfer.path("destination").asText();
            console.detail(
                    "%-24s %4d/%d files verified, %d mismatches, %d missing, %d unrecorded, dataset digest %s",
                    destination,
                    match,
                    total,
                    mismatch,
                    missing,
                    unrecorded,
                    transfer.path("digestsMatch").asBoolean(false) ? "matches the source" : "DIFFERS");
            if (total == 0 || match != total || mismatch + missing + unrecorded > 0) {
                problems.add(destination + ": " + match + " of " + total + " files verified");
            }
            if (!transfer.path("digestsMatch").asBoolean(false)) {
                problems.add(destination + ": dataset digest does not match the source's");
            }
            verified += match;
        }
        if (!audit.path("transfers").elements().hasNext()) {
            problems.add("the audit of job " + jobId + " lists no transfer");
        }
        JsonNode jobLedger = api.verifyLedger(jobId);
        JsonNode wholeLedger = api.verifyLedger();
        console.detail(
                "ledger: job's %d records %s; whole chain of %d records %s",
                jobLedger.path("records").asLong(),
                jobLedger.path("valid").asBoolean() ? "verified" : "BROKEN",
                wholeLedger.path("records").asLong(),
                wholeLedger.path("valid").asBoolean() ? "verified" : "BROKEN");
        for (JsonNode ledger : List.of(jobLedger, wholeLedger)) {
            if (!ledger.path("valid").asBoolean()) {
                problems.add("ledger broken at " + ledger.path("brokenAt") + ": " + ledger.path("reason"));
            }
        }
        if (!problems.isEmpty()) {
            throw new QuickstartException(
                    "the audit of job " + jobId + " is not clean: " + String.join("; ", problems));
        }
        return verified;
    }
}
