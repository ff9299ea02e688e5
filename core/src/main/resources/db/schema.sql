-- runstore schema after all migrations: sqlite_schema sorted by type and name,
-- whitespace collapsed, Flyway's history table left out. Written by SchemaSnapshotTest; refresh with
--   mvn -pl core test -Dtest=SchemaSnapshotTest -Drunstore.updateSchemaSnapshot=true
CREATE INDEX events_level_ts_idx ON events (level, ts, seq);
CREATE INDEX events_out_of_line_idx ON events (payload_sha256, payload_uri) WHERE payload_uri IS NOT NULL;
CREATE UNIQUE INDEX events_run_seq_idx ON events (run_id, seq);
CREATE INDEX events_run_ts_idx ON events (run_id, ts, seq);
CREATE INDEX events_ts_idx ON events (ts, seq);
CREATE INDEX runs_started_at_idx ON runs (started_at, id);
CREATE INDEX runs_status_started_at_idx ON runs (status, started_at, id);
CREATE TABLE "events" (id INTEGER PRIMARY KEY, run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, seq BIGINT NOT NULL, ts TEXT NOT NULL, level TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL, message_length INTEGER NOT NULL, payload TEXT, payload_uri TEXT, payload_sha256 TEXT, CONSTRAINT events_level_check CHECK (level IN ('debug', 'info', 'warning', 'error')), CONSTRAINT events_payload_check CHECK (payload IS NULL OR payload_uri IS NULL), CONSTRAINT events_payload_sha256_check CHECK ((payload IS NULL AND payload_uri IS NULL) = (payload_sha256 IS NULL)), CONSTRAINT events_message_length_check CHECK (message_length >= 0));
CREATE TABLE payload_blobs ( sha256 TEXT NOT NULL PRIMARY KEY, size BIGINT NOT NULL, content TEXT NOT NULL, CONSTRAINT payload_blobs_sha256_check CHECK (length(sha256) = 64), CONSTRAINT payload_blobs_size_check CHECK (size >= 0) );
CREATE TABLE runs ( id INTEGER PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, params TEXT NOT NULL, params_sha256 TEXT NOT NULL, stats TEXT, CONSTRAINT runs_name_unique UNIQUE (name), CONSTRAINT runs_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')) );
CREATE TABLE runstore_meta ( key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL );
