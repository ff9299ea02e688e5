package dev.runstore.core.backend;

import dev.runstore.core.db.Dialect;

/** The browse contract on a real PostgreSQL server (RUNSTORE_TEST_PG_URL; .ci/run starts one). */
class PostgresBrowseTest extends BrowseContract {
    PostgresBrowseTest() {
        super(new Backend(Dialect.POSTGRESQL));
    }

    @Override
    boolean nullsFirst() {
        return false;
    }
}
