package dev.runstore.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The mapping table, for the codes a test cannot easily provoke on a real file. */
class ErrorTranslatorTest {
    private final ErrorTranslator translator = new ErrorTranslator("/data/runs.db", Duration.ofMillis(5000));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            SQLITE_BUSY,            BusyException
            SQLITE_BUSY_SNAPSHOT,   BusyException
            SQLITE_LOCKED,          BusyException
            SQLITE_READONLY,        IncompatibleDatabaseException
            SQLITE_READONLY_DBMOVED, IncompatibleDatabaseException
            SQLITE_CANTOPEN,        IncompatibleDatabaseException
            SQLITE_NOTADB,          IncompatibleDatabaseException
            SQLITE_CORRUPT,         IncompatibleDatabaseException
            SQLITE_IOERR,           DbException
            """)
    void sqliteResultCodesMapToTheirDomainError(SQLiteErrorCode code, String expected) {
        DbException e = translator.translate(new SQLiteException("[" + code + "] detail", code));

        assertThat(e.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(e.getMessage()).contains("/data/runs.db");
    }

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource(textBlock = """
            23505, ConflictException
            23503, ConstraintException
            23502, ConstraintException
            23514, ConstraintException
            40001, BusyException
            40P01, BusyException
            55P03, BusyException
            42601, DbException
            """)
    void postgresSqlStatesMapToTheirDomainError(String sqlState, String expected) {
        SQLException e = new SQLException("ERROR: something violates constraint \"runs_name_key\"", sqlState);

        assertThat(translator.translate(e).getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void aBusyErrorIsRetryableAndQuotesTheTimeout() {
        DbException e = translator.translate(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("more than 5000 ms").contains("retry later");
    }

    @Test
    void aPostgresUniqueViolationNamesTheConstraintButNotTheValues() {
        SQLException e = new SQLException(
                "ERROR: duplicate key value violates unique constraint \"runs_name_key\"\n"
                        + "  Detail: Key (name)=(secret-value) already exists.",
                "23505");

        assertThat(translator.translate(e).getMessage())
                .contains("runs_name_key is unique")
                .doesNotContain("secret-value");
    }

    @Test
    void aPostgresNotNullViolationWithoutServerFieldsNamesTheColumnFromItsMessage() {
        // A driver exception without the server's fields (a proxy, another driver): the first line
        // still says which column, and its "Failing row" detail is not repeated.
        SQLException e = new SQLException(
                "ERROR: null value in column \"name\" of relation \"runs\" violates not-null constraint\n"
                        + "  Detail: Failing row contains (1, null, secret-value).",
                "23502");

        assertThat(translator.translate(e))
                .isInstanceOfSatisfying(
                        ConstraintException.class,
                        c -> assertThat(c.constraint()).isEqualTo("runs.name"))
                .hasMessage("runs.name must not be null (NOT NULL constraint); give it a value");
    }

    @Test
    void anUnmappedPostgresErrorQuotesTheSentenceWithoutTheSeverity() {
        SQLException e = new SQLException("ERROR: syntax error at or near \"SELEC\"", "42601");

        assertThat(translator.translate(e).getMessage())
                .endsWith("failed (SQLSTATE 42601): syntax error at or near \"SELEC\"");
    }

    @Test
    void theCauseChainIsSearchedForTheSqlException() {
        SQLiteException root = new SQLiteException("locked", SQLiteErrorCode.SQLITE_BUSY);
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(root));

        assertThat(translator.translate(wrapped))
                .isInstanceOf(BusyException.class)
                .hasCause(wrapped);
    }

    @Test
    void aDomainErrorPassesThroughUnchanged() {
        NotFoundException e = NotFoundException.of("run", "name", "nightly", "check the name");

        assertThat(translator.translate(e)).isSameAs(e);
        assertThat(e.getMessage()).isEqualTo("no run with name \"nightly\" exists; check the name");
    }

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource(textBlock = """
            08001, UnavailableException,  UNAVAILABLE
            08004, UnavailableException,  UNAVAILABLE
            08006, UnavailableException,  UNAVAILABLE
            08003, UnavailableException,  UNAVAILABLE
            08P01, UnavailableException,  UNAVAILABLE
            57P01, UnavailableException,  UNAVAILABLE
            57P02, UnavailableException,  UNAVAILABLE
            57P03, UnavailableException,  UNAVAILABLE
            53300, UnavailableException,  UNAVAILABLE
            28P01, AccessDeniedException, ACCESS_DENIED
            28000, AccessDeniedException, ACCESS_DENIED
            3D000, NotFoundException,     NOT_FOUND
            57014, CancelledException,    CANCELLED
            """)
    void postgresSessionFailuresMapToTheirDomainError(String sqlState, String expected, ErrorCode code) {
        SQLException e = new SQLException("FATAL: database \"nightly\" does not exist", sqlState);

        DbException translated = new ErrorTranslator(
                        "jdbc:postgresql://db:5432/nightly?password=***", Duration.ofMillis(5000))
                .translate(e);

        assertThat(translated.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(translated.code()).isEqualTo(code);
        assertThat(translated.isRetryable()).isEqualTo(code == ErrorCode.UNAVAILABLE);
        assertThat(translated.getMessage()).contains("jdbc:postgresql://db:5432/nightly");
    }

    @Test
    void aMissingPostgresDatabaseIsNamed() {
        NotFoundException e = (NotFoundException)
                translator.translate(new SQLException("FATAL: database \"nightly\" does not exist", "3D000"));

        assertThat(e.what()).isEqualTo("PostgreSQL database");
        assertThat(e.key()).isEqualTo("\"nightly\"");
        assertThat(e.getMessage())
                .startsWith("the PostgreSQL database \"nightly\" of \"/data/runs.db\" does not exist");
    }
}
