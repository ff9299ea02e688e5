package dev.runstore.core.cli;

import dev.runstore.core.db.Database;
import dev.runstore.core.stats.EventRates;
import dev.runstore.core.stats.LevelCounts;
import dev.runstore.core.time.UtcTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stats", description = "Events per minute, hour or day by level, in time order (UTC buckets).")
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--by",
            paramLabel = "<minute|hour|day>",
            description = "Bucket width (default: ${DEFAULT-VALUE}).",
            defaultValue = "minute")
    String by;

    @Option(names = "--since", paramLabel = "<ISO time>", description = "From this time (inclusive), with an offset.")
    String since;

    @Option(names = "--until", paramLabel = "<ISO time>", description = "Until this time (exclusive), with an offset.")
    String until;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        EventRates.By width = width();
        Optional<Instant> from = time("--since", since);
        Optional<Instant> to = time("--until", until);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new ParameterException(spec.commandLine(), "--since must be before --until");
        }
        try (Database db = root.openReadOnly()) {
            List<LevelCounts> series = EventRates.of(db, width, from, to);
            if (output.json) {
                root.printJson(series.stream()
                        .map(b -> Json.object(
                                "t", UtcTime.toIso(b.start()),
                                "debug", b.debug(),
                                "info", b.info(),
                                "warning", b.warning(),
                                "error", b.error()))
                        .toList());
            } else {
                TextTable table = new TextTable("START (UTC)", "DEBUG", "INFO", "WARNING", "ERROR");
                series.forEach(b -> table.row(UtcTime.toIso(b.start()), b.debug(), b.info(), b.warning(), b.error()));
                table.print(root.out());
            }
        }
        return ExitCodes.OK;
    }

    private EventRates.By width() {
        try {
            return EventRates.By.valueOf(by.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--by takes minute, hour or day (was \"" + by + "\")");
        }
    }

    private Optional<Instant> time(String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UtcTime.parseIso(text));
        } catch (RuntimeException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    option + " takes an ISO 8601 time with an offset, e.g. 2026-11-27T09:00:00Z (was \"" + text
                            + "\")");
        }
    }
}
