-- The first runstore schema: runs, their events, and a key/value metadata table.
-- Portable to PostgreSQL: only TEXT, INTEGER, BIGINT, REAL and TIMESTAMP types, enums as TEXT with
-- CHECK, explicit primary keys. The two placeholders differ per engine (see Migrator):
--   ${id_pk} an auto-assigned BIGINT primary key;  ${ts} a UTC time (TEXT on SQLite, TIMESTAMP on PostgreSQL).

CREATE TABLE runstore_meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE runs (
    id            ${id_pk},
    name          TEXT NOT NULL,
    source        TEXT NOT NULL,
    status        TEXT NOT NULL,
    started_at    ${ts} NOT NULL,
    finished_at   ${ts},
    params        TEXT NOT NULL,
    params_sha256 TEXT NOT NULL,
    stats         TEXT,
    CONSTRAINT runs_name_unique UNIQUE (name),
    CONSTRAINT runs_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled'))
);

-- Recent runs, newest first, optionally by status.
CREATE INDEX runs_started_at_idx ON runs (started_at, id);
CREATE INDEX runs_status_started_at_idx ON runs (status, started_at, id);

CREATE TABLE events (
    id             ${id_pk},
    run_id         BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq            BIGINT NOT NULL,
    ts             ${ts} NOT NULL,
    level          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    message        TEXT NOT NULL,
    message_length INTEGER NOT NULL,
    payload        TEXT,
    payload_uri    TEXT,
    payload_sha256 TEXT,
    CONSTRAINT events_level_check CHECK (level IN ('debug', 'info', 'warning', 'error'))
);

-- The idempotency key, and one run's events by seq.
CREATE UNIQUE INDEX events_run_seq_idx ON events (run_id, seq);
-- One run's events by time.
CREATE INDEX events_run_ts_idx ON events (run_id, ts, seq);
-- Recent events across runs.
CREATE INDEX events_ts_idx ON events (ts, seq);
-- Recent events at or above a level.
CREATE INDEX events_level_ts_idx ON events (level, ts, seq);
