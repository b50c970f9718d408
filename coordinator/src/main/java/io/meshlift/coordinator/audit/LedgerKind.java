package io.meshlift.coordinator.audit;

/** What a ledger record attests. Stored by name; names never change once written. */
public enum LedgerKind {
    /** A file was verified on a destination: its checksums as recorded in {@code file_records}. */
    FILE_VERIFIED,
    /** A destination file the source no longer has was removed ({@code deleteExtraneous}). */
    FILE_DELETED,
    /** A transfer (one dataset to one destination) reached a terminal state. */
    TRANSFER_FINISHED,
    /** A job reached a terminal state. */
    JOB_FINISHED,
    /** A source agent refused a peer request for lack of a grant that allows it. */
    PEER_REFUSED,
    /** An admin issued a one-time enrollment token for an agent (the token itself is never recorded). */
    ENROLLMENT_TOKEN_ISSUED,
    /** An agent enrolled: its CSR was signed and its client secret handed out. */
    AGENT_ENROLLED,
    /** An enrollment request was refused; the payload says why. */
    ENROLLMENT_REFUSED,
    /** An agent was revoked: refused by the control channel and by every peer from now on. */
    AGENT_REVOKED
}
