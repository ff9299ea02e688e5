-- V3: payloads over the inline limit, inside the database. Content-addressed by the SHA-256 of the
-- payload's canonical JSON bytes (the events row keeps that hash), so a payload sent by many events
-- or many ingesters is stored once. The content is the canonical JSON as TEXT: always valid UTF-8,
-- readable in a pg_dump, compressed by PostgreSQL's TOAST.
-- PostgreSQL writes its out-of-line payloads here, so every host, pg_dump and a restore see them.
-- SQLite keeps writing blob files beside the database file (docs/postgres.md says why) and reads
-- both; its table stays empty unless a row was written by another runstore.
CREATE TABLE payload_blobs (
    sha256  TEXT NOT NULL PRIMARY KEY,
    size    BIGINT NOT NULL,
    content TEXT NOT NULL,
    CONSTRAINT payload_blobs_sha256_check CHECK (length(sha256) = 64),
    CONSTRAINT payload_blobs_size_check CHECK (size >= 0)
);

-- The out-of-line payloads of all events, for `check`: its size grows with those events only, not
-- with all events, so verifying every payload never scans the events table.
CREATE INDEX events_out_of_line_idx ON events (payload_sha256, payload_uri) WHERE payload_uri IS NOT NULL;
