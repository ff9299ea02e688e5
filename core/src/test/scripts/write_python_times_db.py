#!/usr/bin/env python3
"""Writes python-written/times.db: times and JSON written the way the Python side writes them.

PythonWrittenDatabaseTest reads it back through runstore-core. Each row holds one instant written
three ways (sqlite3's default datetime adapter, SQLAlchemy's DateTime text, aware isoformat) plus
its epoch microseconds, and a JSON value with its canonical text and SHA-256.

Regenerate (from the repository root):
    rm -f core/src/test/resources/python-written/times.db
    python3 core/src/test/scripts/write_python_times_db.py core/src/test/resources/python-written/times.db
"""
import datetime as dt
import hashlib
import json
import sqlite3
import sys

UTC = dt.timezone.utc
SAMPLES = [
    ("plain", dt.datetime(2026, 11, 27, 9, 27, 9, 123456, tzinfo=UTC)),
    ("zero fraction", dt.datetime(2026, 11, 27, 9, 27, 9, 0, tzinfo=UTC)),
    ("one microsecond", dt.datetime(2026, 11, 27, 9, 27, 9, 1, tzinfo=UTC)),
    ("from Kathmandu", dt.datetime(2026, 11, 27, 15, 12, 9, 500000, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45)))),
    ("from St Johns", dt.datetime(2026, 3, 8, 1, 30, 0, 250, tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30)))),
    ("before the epoch", dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    ("year one", dt.datetime(1, 1, 1, 0, 0, 0, tzinfo=UTC)),
    ("year 9999", dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
]


def canonical(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def main(path):
    con = sqlite3.connect(path)
    con.execute(
        "CREATE TABLE samples (label TEXT PRIMARY KEY, ts_default TEXT, ts_sqlalchemy TEXT, iso TEXT,"
        " epoch_micros INTEGER, payload TEXT, payload_sha256 TEXT)"
    )
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    for label, value in SAMPLES:
        utc = value.astimezone(UTC)
        naive = utc.replace(tzinfo=None)
        delta = utc - epoch
        micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
        payload = canonical({"label": label, "at": utc.isoformat(), "größe": [1.5, 10**20, None], "\U0001F600": True})
        con.execute(
            "INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                label,
                naive,  # sqlite3's default adapter: isoformat(" "), fraction only when non-zero
                # SQLAlchemy's SQLite DateTime storage format (its own %-formatting, not strftime)
                "%04d-%02d-%02d %02d:%02d:%02d.%06d"
                % (naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second, naive.microsecond),
                utc.isoformat(),
                micros,
                payload,
                hashlib.sha256(payload.encode("utf-8")).hexdigest(),
            ),
        )
    con.commit()
    con.close()


if __name__ == "__main__":
    main(sys.argv[1])
