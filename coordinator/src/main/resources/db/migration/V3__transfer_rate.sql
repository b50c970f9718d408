-- Live progress: when the last progress report arrived and the transfer rate it implied, so the API
-- can show bytes per second and an estimated time left without keeping samples in memory (any
-- replica can answer). Portable SQL (H2 2.x and PostgreSQL 14+).
ALTER TABLE transfers ADD COLUMN progress_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE transfers ADD COLUMN rate_bytes_per_second BIGINT DEFAULT 0 NOT NULL;
