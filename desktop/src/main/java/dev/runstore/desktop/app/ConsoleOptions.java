package dev.runstore.desktop.app;

import java.nio.file.Path;
import java.util.List;

/**
 * The console's command line: {@code [--db PATH|URL | --demo] [--refresh SECONDS] [--smoke]}, plus
 * {@code --version} and {@code --help}, which are answered without a display.
 *
 * @param db the SQLite file of {@code --db PATH}, or null
 * @param server the {@code jdbc:postgresql://} URL of {@code --db URL}, or null; it may hold a
 *     {@code password=}, so it is shown only through {@code DatabaseConfig.redact}
 * @param smoke open, paint once, print what was shown, and exit (for packaging checks)
 * @param selfTest a database to open headless through the window's code path, then exit
 */
public record ConsoleOptions(
        Path db,
        String server,
        boolean demo,
        int refreshSeconds,
        boolean smoke,
        Path selfTest,
        boolean version,
        boolean help) {
    public static final String USAGE = """
            Usage: runstore-console [--db PATH|URL | --demo] [--refresh SECONDS] [--smoke]
              --db PATH          open this database (read-only; never created)
              --db URL           connect read-only to jdbc:postgresql://host:port/db[?currentSchema=…&user=…];
                                 the password from PGPASSWORD, or type it in File > Connect to PostgreSQL…
              --demo             create a demo database in a temp folder and open it
              --refresh SECONDS  live refresh interval (default 5; 0 turns it off)
              --smoke            open, paint one frame, print a summary and exit
              --self-test PATH   open PATH headless as the window would, print its migration head, exit
              --version          print the version and exit
              --help             print this help and exit
            Without --db or --demo the console opens the most recent database, if any.""";

    /** Never the server URL as given: it may hold a password. */
    @Override
    public String toString() {
        return "ConsoleOptions[db=" + db + ", server="
                + (server == null ? null : dev.runstore.core.db.DatabaseConfig.redact(server)) + ", demo=" + demo
                + ", refreshSeconds=" + refreshSeconds + ", smoke=" + smoke + ", selfTest=" + selfTest + "]";
    }

    /** @throws IllegalArgumentException with a one-line message for a bad command line */
    public static ConsoleOptions parse(List<String> args) {
        Path db = null;
        String server = null;
        boolean demo = false;
        int refresh = 5;
        boolean smoke = false;
        Path selfTest = null;
        boolean version = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--db" -> {
                    String location = value != null ? value : next(args, ++i, "--db");
                    if (location.startsWith("jdbc:postgresql://")) {
                        server = location;
                        db = null;
                    } else if (location.startsWith("jdbc:")) {
                        throw new IllegalArgumentException("--db takes a file path or a jdbc:postgresql:// URL (was "
                                + dev.runstore.core.db.DatabaseConfig.redact(location) + ")");
                    } else {
                        db = Path.of(location);
                        server = null;
                    }
                }
                case "--demo" -> demo = true;
                case "--refresh" -> refresh = seconds(value != null ? value : next(args, ++i, "--refresh"));
                case "--smoke" -> smoke = true;
                case "--self-test" -> selfTest = Path.of(value != null ? value : next(args, ++i, "--self-test"));
                case "--version", "-V" -> version = true;
                case "--help", "-h" -> help = true;
                // A mistyped --db=… may carry a password: never echo one.
                default ->
                    throw new IllegalArgumentException("unknown option "
                            + dev.runstore.core.db.DatabaseConfig.redact(arg) + "; run with --help for usage");
            }
        }
        if ((db != null || server != null) && demo) {
            throw new IllegalArgumentException("--db and --demo cannot be used together; choose one");
        }
        return new ConsoleOptions(db, server, demo, refresh, smoke, selfTest, version, help);
    }

    private static String next(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int seconds(String text) {
        try {
            int seconds = Integer.parseInt(text);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--refresh takes a whole number of seconds, 0 or more (was " + text + ")");
        }
    }
}
