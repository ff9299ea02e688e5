package dev.runstore.core.backend;

import dev.runstore.core.db.Dialect;

/** The browse contract on SQLite files. */
class SqliteBrowseTest extends BrowseContract {
    SqliteBrowseTest() {
        super(new Backend(Dialect.SQLITE));
    }

    @Override
    boolean nullsFirst() {
        return true;
    }
}
