package dev.runstore.core.backend;

import dev.runstore.core.db.Dialect;

/** The backend contract on a SQLite file. */
class SqliteContractTest extends BackendContract {
    SqliteContractTest() {
        super(new Backend(Dialect.SQLITE));
    }
}
