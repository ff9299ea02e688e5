package dev.runstore.core.cli;

import dev.runstore.core.db.Database;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.CellText;
import dev.runstore.core.query.Filter;
import dev.runstore.core.query.RowPage;
import dev.runstore.core.query.RowQuery;
import dev.runstore.core.query.Sort;
import dev.runstore.core.query.TableRows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "rows",
        description = "Rows of any table or view, paged by key: filtered with --where, sorted with --order.")
final class RowsCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "The table or view (see runstore tables).")
    String table;

    @Option(
            names = "--where",
            paramLabel = "COLUMN=VALUE",
            description = "Only rows whose COLUMN equals VALUE (bound as a parameter); repeat to combine.")
    List<String> where = new ArrayList<>();

    @Option(names = "--order", paramLabel = "COLUMN", description = "Sort by this column (default: the table's key).")
    String order;

    @Option(names = "--desc", description = "With --order: largest first.")
    boolean descending;

    @Mixin
    LimitOption limit = new LimitOption(100);

    @Mixin
    RowsOutputOption output;

    @Override
    public Integer call() {
        RowQuery query = RowQuery.of(table);
        for (String condition : where) {
            int equals = condition.indexOf('=');
            if (equals < 1) {
                throw new ParameterException(
                        spec.commandLine(), "--where takes COLUMN=VALUE (was \"" + condition + "\")");
            }
            query = query.where(Filter.equal(condition.substring(0, equals), condition.substring(equals + 1)));
        }
        if (order != null) {
            query = query.sortedBy(new Sort(order, descending));
        } else if (descending) {
            throw new ParameterException(spec.commandLine(), "--desc needs --order COLUMN");
        }
        try (Database db = root.openReadOnly()) {
            if (output.format().isPresent()) {
                TableRows.export(
                        db, query, output.format().get(), root.out(), limit.limitIfGiven(), Cancellation.none());
                return ExitCodes.OK;
            }
            RowPage page = TableRows.first(db, query, limit.limit());
            TextTable text = new TextTable(page.columns().toArray(String[]::new));
            page.rows()
                    .forEach(row ->
                            text.row(row.values().stream().map(CellText::of).toArray()));
            text.print(root.out());
            if (page.hasAfter()) {
                root.printLine("(the first " + limit.limit() + " rows; raise --limit, or use --csv or --json for all)");
            }
        }
        return ExitCodes.OK;
    }
}
