package io.meshlift.coordinator.audit;

/**
 * The answer of a ledger verification.
 *
 * @param valid true when every checked record is intact and linked to its predecessor
 * @param records records checked: the whole chain, or the job's own records for a job
 * @param brokenAt the first seq that fails, or null
 * @param reason why it fails, or null
 * @param lastSeq the last seq that passed
 * @param lastHash its hash; keep it somewhere else to detect a later rewrite of the whole chain
 */
public record LedgerVerification(
        boolean valid, long records, Long brokenAt, String reason, long lastSeq, String lastHash) {

    static LedgerVerification of(LedgerChain.Result result, long records) {
        return new LedgerVerification(
                result.valid(), records, result.brokenAt(), result.reason(), result.lastSeq(), result.lastHash());
    }
}
