package dev.runstore.core.db;

import java.util.Random;

/** The small transactions that the concurrency tests run, the same in threads and in child JVMs. */
final class Workloads {
    private Workloads() {}

    static void createTables(Database db) {
        db.useWrite(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS items ("
                    + "id INTEGER PRIMARY KEY, writer TEXT NOT NULL, tx INTEGER NOT NULL, body TEXT NOT NULL)");
            h.execute("CREATE TABLE IF NOT EXISTS counters (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL)");
        });
    }

    /** One transaction inserting 1 to 10 rows; returns how many. */
    static int insertBatch(Database db, String writer, int tx, Random random) {
        int rows = 1 + random.nextInt(10);
        db.useWrite(h -> {
            var batch = h.prepareBatch("INSERT INTO items (writer, tx, body) VALUES (?, ?, ?)");
            for (int i = 0; i < rows; i++) {
                batch.add(writer, tx, "row " + i + " of " + writer);
            }
            batch.execute();
        });
        return rows;
    }

    /**
     * Reads max(seq), then inserts the next one: the pattern that a DEFERRED transaction turns into
     * instant SQLITE_BUSY failures (its read lock cannot be upgraded while another writer commits).
     */
    static void readThenWrite(Database db, String writer) {
        db.useWrite(h -> {
            long next = h.createQuery("SELECT coalesce(max(seq), 0) + 1 FROM counters")
                    .mapTo(Long.class)
                    .one();
            h.execute("INSERT INTO counters (seq, writer) VALUES (?, ?)", next, writer);
        });
    }

    static long count(Database db, String table) {
        return db.read(h ->
                h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
