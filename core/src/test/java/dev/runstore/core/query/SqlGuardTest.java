package dev.runstore.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lexical layer alone: what is refused before anything is prepared, and what must pass. */
class SqlGuardTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DELETE FROM runs                                   | DELETE would change the database
            insert into runs(name) values ('x')                | INSERT would change the database
            UPDATE runs SET name = 'x'                         | UPDATE would change the database
            REPLACE INTO runs(name) VALUES ('x')               | REPLACE would change the database
            DROP TABLE runs                                    | DROP would change the database
            ALTER TABLE runs ADD COLUMN x                      | ALTER would change the database
            REINDEX                                            | REINDEX would change the database
            ANALYZE                                            | ANALYZE would change the database
            CREATE TABLE t(x)                                  | CREATE would change the database
            CREATE TEMP TABLE t(x)                             | CREATE TEMP writes a temporary table
            create temporary view v as select 1                | CREATE TEMPORARY writes a temporary table
            ATTACH 'other.db' AS o                             | ATTACH would open or create another file
            DETACH o                                           | DETACH would change the connection's databases
            VACUUM                                             | VACUUM would rewrite the database
            VACUUM INTO 'copy.db'                              | VACUUM INTO writes a new file
            BEGIN                                              | BEGIN controls a transaction
            COMMIT                                             | COMMIT controls a transaction
            SAVEPOINT s                                        | SAVEPOINT controls a transaction
            RELEASE s                                          | RELEASE controls a transaction
            ROLLBACK                                           | ROLLBACK controls a transaction
            PRAGMA journal_mode = DELETE                       | PRAGMA journal_mode = … changes settings; only reading pragmas are allowed
            PRAGMA user_version=7                              | PRAGMA user_version = … changes settings
            PRAGMA query_only = 0                              | PRAGMA query_only = … changes settings
            PRAGMA main.journal_mode = OFF                     | PRAGMA journal_mode = … changes settings
            PRAGMA journal_mode(DELETE)                        | PRAGMA journal_mode(…) changes settings
            PRAGMA wal_checkpoint                              | PRAGMA wal_checkpoint is not one of the reading pragmas
            PRAGMA optimize                                    | PRAGMA optimize is not one of the reading pragmas
            PRAGMA table_info(t) = 1                           | PRAGMA table_info(…) changes settings
            SELECT load_extension('/tmp/evil.so')              | load_extension loads native code
            SELECT "LOAD_EXTENSION"('/tmp/evil.so')            | load_extension loads native code
            WITH x AS (SELECT 1) DELETE FROM runs              | WITH … DELETE would change the database
            WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x | WITH … INSERT would change the database
            WITH x AS (SELECT 1) REPLACE INTO t SELECT 1       | WITH … REPLACE would change the database
            WITH x AS (SELECT 1) UPDATE t SET a = 1            | WITH … UPDATE would change the database
            EXPLAIN DELETE FROM runs                           | DELETE would change the database
            EXPLAIN QUERY PLAN PRAGMA query_only = 0           | PRAGMA query_only = … changes settings
            SELECT 1; DELETE FROM runs                         | one statement at a time (a second one starts at character 11)
            SELECT 1; SELECT 2                                 | one statement at a time
            SELECT 1 /* ; */; -- x\\n PRAGMA query_only=0       | one statement at a time
            """)
    void refusesEveryStatementThatCouldWrite(String sql, String reason) {
        assertThatThrownBy(() -> SqlGuard.check(sql.replace("\\n", "\n")))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageStartingWith("runstore runs read-only SQL: " + reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 'DELETE FROM runs'",
                "SELECT 'it''s; DELETE FROM runs'",
                "SELECT \"delete\" FROM t",
                "SELECT `drop` , [insert] FROM t",
                "SELECT replace(name,'a','b') FROM runs",
                "WITH x AS (SELECT 1) SELECT * FROM x",
                "WITH x(r) AS (SELECT replace('a','a','b')) SELECT replace(r, 'b', 'c') FROM x",
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 3) SELECT * FROM c",
                "EXPLAIN QUERY PLAN SELECT * FROM runs WHERE id = 1",
                "EXPLAIN SELECT 1",
                "VALUES (1, 'a'), (2, 'b')",
                "PRAGMA table_info(\"we\"\"ird tab\")",
                "PRAGMA main.table_info(runs)",
                "PRAGMA index_list('runs')",
                "PRAGMA journal_mode",
                "pragma USER_VERSION",
                "PRAGMA integrity_check(10)",
                "SELECT 1 -- DELETE FROM runs; DROP TABLE runs",
                "SELECT 1 /* ; DELETE FROM runs */",
                "SELECT 1;",
                "SELECT 1 ; ; -- done",
                "SELECT 1e+5, 0x1F, .5",
                "SELECT 'load_extension(' || 'x'",
            })
    void allowsReadsWhateverTheirQuotesAndCommentsContain(String sql) {
        assertThat(SqlGuard.check(sql).text()).isNotBlank();
    }

    /**
     * SQLite reads {@code $a(…)} as one parameter up to its ')', across quotes: here it would see
     * a second statement the tokenizer sees as a string. Typed SQL binds nothing, so every
     * parameter is refused before anything is prepared.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT $a(');DELETE/**/FROM/**/t;--')",
                "SELECT :delete",
                "SELECT @update",
                "SELECT ?1",
                "SELECT ?"
            })
    void parametersAreRefusedBecauseNothingCanBindThem(String sql) {
        assertThatThrownBy(() -> SqlGuard.check(sql))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be bound here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-- only a comment", ";", "/* nothing */ ;"})
    void noStatementIsInvalidInput(String sql) {
        assertThatThrownBy(() -> SqlGuard.check(sql))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid SQL: ");
    }

    /**
     * What the lexer must read as PostgreSQL's scanner and pgjdbc's splitter do: a lone carriage
     * return ends a {@code --} comment, a non-ASCII space is a letter (so {@code $$} after it opens
     * no string), U&amp; escapes are refused, and so are functions that act outside the
     * transaction or run SQL written in a string.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SELECT 1 --\\r; ROLLBACK; BEGIN READ WRITE; DELETE FROM runs; COMMIT | one statement at a time (a second one starts at character 15)
            SELECT 1 AS \\u2028$$; ROLLBACK; DELETE FROM runs; SELECT $$        | one statement at a time
            SELECT U&"pg_terminate_backend"(pg_backend_pid())                   | U&"…" and U&'…' (Unicode escapes, at character 8) are not read here
            SELECT U&"pg_terminate\\005fbackend"(1)                             | U&"…" and U&'…'
            SELECT u&'\\0041' UESCAPE '!'                                       | U&"…" and U&'…'
            SELECT query_to_xml('SELECT pg_terminate_backend(1)', true, true, '') | query_to_xml() acts outside the statement's read-only transaction or runs SQL written in a string
            SELECT * FROM ts_stat('SELECT 1')                                    | ts_stat() acts outside
            SELECT cursor_to_xml('c', 1, true, true, '')                         | cursor_to_xml() acts outside
            SELECT * FROM pg_logical_slot_get_changes('s', NULL, NULL)           | pg_logical_slot_get_changes() acts outside
            SELECT * FROM pg_logical_slot_peek_changes('s', NULL, NULL)          | pg_logical_slot_peek_changes() acts outside
            SELECT pg_replication_slot_advance('s', '0/0')                       | pg_replication_slot_advance() acts outside
            SELECT pg_create_logical_replication_slot('s', 'test_decoding')      | pg_create_logical_replication_slot() acts outside
            SELECT pg_catalog.PG_BACKUP_START('x')                               | pg_backup_start() acts outside
            SELECT pg_start_backup('x')                                          | pg_start_backup() acts outside
            SELECT "pg_try_advisory_lock_shared"(1)                              | pg_try_advisory_lock_shared() acts outside
            SELECT lo_open(1, 131072)                                            | lo_open() acts outside
            SELECT dblink_exec('x', 'DELETE FROM runs')                          | dblink_exec() acts outside
            SELECT brin_summarize_new_values('i')                                | brin_summarize_new_values() acts outside
            EXPLAIN ANALYSE DELETE FROM runs                                     | DELETE would change the database
            EXPLAIN ANALYZE VERBOSE UPDATE runs SET name = 'x'                   | UPDATE would change the database
            explain verbose analyze insert into runs(name) values ('x')          | INSERT would change the database
            EXPLAIN ANALYZE TRUNCATE runs                                        | TRUNCATE could change a setting
            """)
    void refusesWhatPostgresWouldReadAsASecondStatementOrAnEscape(String sql, String reason) {
        assertThatThrownBy(() -> SqlGuard.check(unescape(sql), Dialect.POSTGRESQL))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageStartingWith("runstore runs read-only SQL: " + reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "EXPLAIN ANALYZE SELECT 1",
                "EXPLAIN ANALYSE VERBOSE SELECT * FROM runs",
                "explain verbose select 1",
                "EXPLAIN (ANALYZE, VERBOSE) SELECT 1",
                "SELECT 1 -- a comment\r\nFROM runs",
                "SELECT $$ -- \r ; $$",
            })
    void postgresAllowsTheLegacyExplainOptionsAndCommentsEndingInACarriageReturn(String sql) {
        assertThat(SqlGuard.check(unescape(sql), Dialect.POSTGRESQL).text()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void sqliteEndsALineCommentAtALineFeedOnlyAndExplainAnalyzeExplainsAnAnalyze() {
        // SQLite's tokenizer skips to '\n': everything after the '\r' is still the comment.
        assertThat(SqlGuard.check("SELECT 1 --\r; DELETE FROM runs").text()).isEqualTo("SELECT 1");
        assertThatThrownBy(() -> SqlGuard.check("SELECT 1 --\r\n; DELETE FROM runs"))
                .hasMessageContaining("one statement at a time");
        assertThatThrownBy(() -> SqlGuard.check("EXPLAIN ANALYZE SELECT 1"))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageContaining("ANALYZE would change the database");
        // A non-ASCII space is part of a word for SQLite too, not a gap before a parameter.
        assertThatThrownBy(() -> SqlGuard.check("SELECT 1 AS \u2028$$; DELETE FROM runs"))
                .hasMessageContaining("one statement at a time");
    }

    private static String unescape(String sql) {
        return sql.replace("\\r", "\r").replace("\\n", "\n").replace("\\u2028", "\u2028");
    }

    @org.junit.jupiter.api.Test
    void theTextToPrepareEndsAtTheLastTokenAndAnExplainIsCompiledAsWhatItExplains() {
        SqlGuard.Checked checked = SqlGuard.check("  /* c */ SELECT 1 -- trailing\n ;  ");
        assertThat(checked.text()).isEqualTo("SELECT 1");
        assertThat(checked.query()).isTrue();

        SqlGuard.Checked explain = SqlGuard.check("EXPLAIN QUERY PLAN SELECT * FROM runs");
        assertThat(explain.text()).isEqualTo("EXPLAIN QUERY PLAN SELECT * FROM runs");
        assertThat(explain.compiled()).isEqualTo("SELECT * FROM runs");
        assertThat(explain.query()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void quotedIdentifiersAndStringsAreOneTokenEach() {
        assertThat(SqlLexer.tokens("PRAGMA table_info(\"we\"\"ird tab\")")
                        .get(3)
                        .name())
                .isEqualTo("we\"ird tab");
        assertThat(SqlLexer.tokens("SELECT [a b], `c``d`").stream().map(SqlLexer.Token::name))
                .containsExactly("SELECT", "a b", "", "c`d");
    }
}
