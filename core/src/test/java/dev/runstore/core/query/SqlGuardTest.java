package dev.runstore.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
