package dev.runstore.core.backend;

import dev.runstore.core.db.Dialect;

/** Event rates on SQLite files. */
class SqliteStatsTest extends StatsContract {
    SqliteStatsTest() {
        super(new Backend(Dialect.SQLITE));
    }
}
