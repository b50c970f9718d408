-- Agent enrollment and revocation. Portable SQL (H2 2.x and PostgreSQL 14+).

-- One-time enrollment tokens: only the SHA-256 of the token is stored, so a database dump cannot
-- enroll anyone. A token is spent by one conditional UPDATE (used_at IS NULL AND expires_at > now),
-- which makes it single-use across concurrent requests and replicas.
CREATE TABLE enrollment_tokens (
    token_sha256 VARCHAR(64)              NOT NULL PRIMARY KEY,
    agent_id     VARCHAR(63)              NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE,
    issued_by    VARCHAR(255)
);
CREATE INDEX enrollment_tokens_agent ON enrollment_tokens (agent_id);

-- Revoked agents: refused at the control channel's TLS handshake and pushed to every agent, whose
-- peer servers refuse them too. A table of its own because an agent may be revoked before it ever
-- registered (and so before it has a row in agents).
CREATE TABLE agent_revocations (
    agent_id   VARCHAR(63)              NOT NULL PRIMARY KEY,
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_by VARCHAR(255)
);
