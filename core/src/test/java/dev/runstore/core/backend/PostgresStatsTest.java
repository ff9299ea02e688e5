package dev.runstore.core.backend;

import dev.runstore.core.db.Dialect;

/** Event rates on a real PostgreSQL server (RUNSTORE_TEST_PG_URL; .ci/run starts one). */
class PostgresStatsTest extends StatsContract {
    PostgresStatsTest() {
        super(new Backend(Dialect.POSTGRESQL));
    }
}
