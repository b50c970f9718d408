-- PostgreSQL only (the postgres profile adds this directory to quarkus.flyway.locations; H2 has no
-- per-column collations and needs nothing: it compares strings by code units and the unique key
-- file_records_once already serves its ORDER BY path).
--
-- The audit reads a transfer's file records in path byte order (FileAuditReader: WHERE transfer_id = ?
-- AND path COLLATE ucs_basic > ? ORDER BY path COLLATE ucs_basic LIMIT n), whatever the database's
-- default collation. An index only serves an ORDER BY in its own collation, so without this one every
-- keyset page scanned and sorted all of the transfer's records: an export of 1,000,000 records read
-- about a thousand pages of that. With it, a page is one index range scan.
CREATE INDEX file_records_transfer_path_bytes ON file_records (transfer_id, path COLLATE ucs_basic);
