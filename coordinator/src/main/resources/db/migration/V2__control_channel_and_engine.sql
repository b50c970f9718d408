-- The agent control channel and the job engine. Portable SQL (H2 2.x and PostgreSQL 14+), one column
-- per statement because the two disagree on multi-column ALTER TABLE syntax.

-- What an agent said at registration: where peers reach it and how many pulls it runs at once.
ALTER TABLE agents ADD COLUMN agent_version VARCHAR(64);
ALTER TABLE agents ADD COLUMN peer_host VARCHAR(255);
ALTER TABLE agents ADD COLUMN peer_port INTEGER;
ALTER TABLE agents ADD COLUMN max_concurrent_pulls INTEGER;
-- Highest report id applied for this agent: reports are applied at most once per (agent, report_id).
ALTER TABLE agents ADD COLUMN last_report_id BIGINT DEFAULT 0 NOT NULL;

-- Incremental pass of the plan this job runs, starting at 1.
ALTER TABLE jobs ADD COLUMN pass INTEGER DEFAULT 1 NOT NULL;

-- The assignment currently out for this transfer ('<transfer id>/<attempt>'); null when the next claim
-- starts a new attempt. A lease taken over after a replica died re-sends the same id.
ALTER TABLE transfers ADD COLUMN assignment_id VARCHAR(80);
-- Failed attempts, against the plan's retries (attempts also counts refused and superseded sends).
ALTER TABLE transfers ADD COLUMN failures INTEGER DEFAULT 0 NOT NULL;
-- Retry backoff: a PENDING transfer is not claimed before this instant.
ALTER TABLE transfers ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE transfers ADD COLUMN source_digest VARCHAR(64);
ALTER TABLE transfers ADD COLUMN destination_digest VARCHAR(64);
ALTER TABLE transfers ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX transfers_destination_state ON transfers (destination_agent, state);
CREATE INDEX transfers_lease_owner ON transfers (lease_owner, state);
