package dev.runstore.core.cli;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.CellText;
import dev.runstore.core.query.QueryResult;
import dev.runstore.core.query.ReadOnlySql;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "query",
        description = "Run one read-only SQL statement (SELECT, WITH, VALUES, EXPLAIN or a reading PRAGMA) and print"
                + " its rows; anything that could write is refused (exit 6).")
final class QueryCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Parameters(index = "0", paramLabel = "SQL", description = "One statement; a trailing ';' is allowed.")
    String sql;

    @Mixin
    RowsOutputOption output;

    @Mixin
    LimitOption limit = new LimitOption(100);

    @Override
    public Integer call() {
        RunstoreCli.requireNotBlank("SQL", sql);
        // Refused before the database is even opened, read with the quoting of its engine.
        ReadOnlySql.check(
                sql, DatabaseConfig.forLocation(root.dbLocation()).build().dialect());
        try (Database db = root.openReadOnly()) {
            if (output.format().isPresent()) {
                ReadOnlySql.export(
                        db, sql, output.format().get(), root.out(), limit.limitIfGiven(), Cancellation.none());
                return ExitCodes.OK;
            }
            QueryResult result = ReadOnlySql.run(db, sql, 0, limit.limit(), Cancellation.none());
            if (!result.columns().isEmpty()) {
                TextTable table = new TextTable(result.columns().toArray(String[]::new));
                result.rows()
                        .forEach(row -> table.row(row.stream().map(CellText::of).toArray()));
                table.print(root.out());
            }
            if (result.more()) {
                root.printLine("(the first " + limit.limit() + " rows; raise --limit, or use --csv or --json for all)");
            }
        }
        return ExitCodes.OK;
    }
}
