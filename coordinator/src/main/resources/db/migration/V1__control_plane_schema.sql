-- The coordinator's schema. Portable SQL only: the same script runs on H2 2.x (embedded default) and
-- on PostgreSQL 14+ (production), and the test suite runs it on both. Hence TEXT for JSON documents
-- (H2's JSON type and PostgreSQL's jsonb do not accept the same literals), VARCHAR(64) for hex
-- digests, TIMESTAMP WITH TIME ZONE for every instant and no vendor-specific upserts.

-- Agents dial in and register; the id is the agent identity of its certificate (core AgentId).
CREATE TABLE agents (
    id        VARCHAR(63)              NOT NULL PRIMARY KEY,
    state     VARCHAR(16)              NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE,
    volumes   TEXT                     NOT NULL, -- JSON array of {name, freeBytes, totalBytes}
    version   BIGINT                   NOT NULL
);

-- A plan as applied: the operator's YAML kept verbatim, so the audit shows exactly what ran.
CREATE TABLE plans (
    id         UUID                     NOT NULL PRIMARY KEY,
    name       VARCHAR(253)             NOT NULL,
    yaml       TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(255)             NOT NULL
);
CREATE INDEX plans_name ON plans (name);

CREATE TABLE jobs (
    id          UUID                     NOT NULL PRIMARY KEY,
    plan_id     UUID                     NOT NULL REFERENCES plans (id),
    state       VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE,
    version     BIGINT                   NOT NULL -- optimistic lock: replicas never overwrite each other
);
CREATE INDEX jobs_plan ON jobs (plan_id);
CREATE INDEX jobs_state ON jobs (state);

-- One dataset to one destination. lease_owner/lease_until let a replica claim a transfer with
-- SELECT ... FOR UPDATE SKIP LOCKED; an expired lease is taken over by another replica.
CREATE TABLE transfers (
    id                 UUID                     NOT NULL PRIMARY KEY,
    job_id             UUID                     NOT NULL REFERENCES jobs (id),
    dataset            VARCHAR(253)             NOT NULL,
    source_agent       VARCHAR(63)              NOT NULL,
    source_volume      VARCHAR(255)             NOT NULL,
    source_path        VARCHAR(4096)            NOT NULL,
    destination_agent  VARCHAR(63)              NOT NULL,
    destination_volume VARCHAR(255)             NOT NULL,
    destination_path   VARCHAR(4096)            NOT NULL,
    state              VARCHAR(16)              NOT NULL,
    attempts           INTEGER                  NOT NULL,
    bytes_total        BIGINT                   NOT NULL,
    bytes_done         BIGINT                   NOT NULL,
    files_total        BIGINT                   NOT NULL,
    files_done         BIGINT                   NOT NULL,
    last_error         TEXT,
    lease_owner        VARCHAR(255),
    lease_until        TIMESTAMP WITH TIME ZONE,
    version            BIGINT                   NOT NULL,
    CONSTRAINT transfers_one_per_destination
        UNIQUE (job_id, dataset, destination_agent, destination_volume, destination_path)
);
CREATE INDEX transfers_state_lease ON transfers (state, lease_until);

-- Per file, per destination, per pass: the checksums an auditor asks for. The unique key makes a
-- replayed agent report a no-op instead of a second record.
CREATE SEQUENCE file_records_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE file_records (
    id                 BIGINT                   NOT NULL PRIMARY KEY,
    transfer_id        UUID                     NOT NULL REFERENCES transfers (id),
    path               VARCHAR(4096)            NOT NULL,
    size               BIGINT                   NOT NULL,
    source_sha256      VARCHAR(64)              NOT NULL,
    destination_sha256 VARCHAR(64)              NOT NULL,
    verified_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_by        VARCHAR(63)              NOT NULL,
    pass               INTEGER                  NOT NULL,
    CONSTRAINT file_records_once UNIQUE (transfer_id, path, pass)
);

-- The audit ledger: one hash chain over every record of every job (see LedgerChain for the hash).
-- seq is assigned under the lock on ledger_head, so it has no gaps; the primary key is the
-- backstop against two writers ever producing the same seq.
CREATE TABLE audit_ledger (
    seq         BIGINT                   NOT NULL PRIMARY KEY,
    job_id      UUID,
    kind        VARCHAR(64)              NOT NULL,
    payload     TEXT                     NOT NULL, -- canonical JSON
    prev_hash   VARCHAR(64)              NOT NULL,
    hash        VARCHAR(64)              NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_ledger_job ON audit_ledger (job_id, seq);

-- The single chain-head row every append locks (SELECT ... FOR UPDATE).
CREATE TABLE ledger_head (
    id   INTEGER     NOT NULL PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL,
    CONSTRAINT ledger_head_single_row CHECK (id = 1)
);
INSERT INTO ledger_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
