package dev.runstore.core.db;

import org.sqlite.SQLiteCommitListener;

/**
 * SQLite's commit and rollback hooks on the writer connection. sqlite-jdbc does not expose
 * sqlite3_get_autocommit, but the rollback hook also fires when an error or a constraint rolls the
 * transaction back implicitly (not for ROLLBACK TO a savepoint), and every statement that then
 * runs on its own fires the commit hook. runstore's own COMMIT and ROLLBACK fire them too, after
 * the last question of that transaction; {@link #begun} forgets them. Runs on the thread that holds
 * the writer lock.
 */
final class SqliteTransactionWatch implements TransactionWatch, SQLiteCommitListener {
    private boolean ended;

    @Override
    public void begun() {
        ended = false;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public boolean commitWouldRollBack() {
        return false; // COMMIT stores what the transaction holds, or fails loudly
    }

    @Override
    public void onCommit() {
        ended = true;
    }

    @Override
    public void onRollback() {
        ended = true;
    }
}
