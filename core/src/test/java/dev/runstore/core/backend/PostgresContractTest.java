package dev.runstore.core.backend;

import dev.runstore.core.db.Dialect;

/** The backend contract on a real PostgreSQL server (RUNSTORE_TEST_PG_URL; .ci/run starts one). */
class PostgresContractTest extends BackendContract {
    PostgresContractTest() {
        super(new Backend(Dialect.POSTGRESQL));
    }
}
