package dev.runstore.core.bench;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Migrator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writer processes on one SQLite file: runstore (which queues them on {@code <db>.write-lock})
 * against the pooled baseline, each process a separate {@link BenchWriter} JVM with one writer
 * thread; all of a cell's processes start measuring at once, after warm-up.
 */
final class WriterProcesses {
    private final Path work;
    private final double seconds;
    private final int repeats;
    private final StringBuilder report;
    private final Map<String, Measured> measured;
    private final Map<String, Double> slowestShares = new LinkedHashMap<>();

    WriterProcesses(Path work, double seconds, int repeats, StringBuilder report, Map<String, Measured> measured) {
        this.work = work;
        this.seconds = seconds;
        this.repeats = repeats;
        this.report = report;
        this.measured = measured;
    }

    List<Map<String, Object>> run() throws Exception {
        report.append("## Writer processes\n\nEach process is a separate JVM with one writer thread appending to")
                .append(" a run of its own for ")
                .append(seconds)
                .append(" s, all processes at once, after ")
                .append(BenchWriter.WARM_UP_SECONDS)
                .append(" s of warm-up (JVM start-up and warm-up are not measured). runstore's writers queue on")
                .append(" an OS lock of `<db>.write-lock` before `BEGIN IMMEDIATE`; \"")
                .append(WriterThreads.POOLED)
                .append("\" is the HikariCP baseline of the threads table, in each process. \"vs one process\"")
                .append(" is the events/s of all processes against one process of the same path alone, in this")
                .append(" run; \"slowest / mean\" is the slowest process's events/s against the mean of all; commit")
                .append(" latencies are the worst process's.\n\n")
                .append("| path | processes | events per transaction | events/s | vs one process | slowest / mean |")
                .append(" failed transactions | commit p50 ms | p99 ms | max ms |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int unit : new int[] {1, 50}) {
            for (String path : List.of(WriterThreads.RUNSTORE, WriterThreads.POOLED)) {
                double alone = 0;
                for (int processes : new int[] {1, 2, 4}) {
                    List<Measured> results = new ArrayList<>();
                    double[] shares = new double[repeats];
                    for (int r = 0; r < repeats; r++) {
                        double[] share = new double[1];
                        results.add(cell(path, processes, unit, share));
                        shares[r] = share[0];
                    }
                    Measured median = Measured.median(results);
                    if (processes == 1) {
                        alone = median.eventsPerSecond();
                    }
                    measured.put(WriterThreads.key(path, 1, processes, unit), median);
                    Map<String, Object> row = median.row(path, 1, processes, unit);
                    row.put("slowest_share", Stats.median(shares));
                    slowestShares.put(WriterThreads.key(path, 1, processes, unit), Stats.median(shares));
                    rows.add(row);
                    report.append(String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %,.0f | %.0f%% | %.2f | %d | %.2f | %.2f | %.2f |%n",
                            path,
                            processes,
                            unit,
                            median.eventsPerSecond(),
                            100 * median.eventsPerSecond() / alone,
                            Stats.median(shares),
                            median.failures(),
                            median.p50(),
                            median.p99(),
                            median.max()));
                }
            }
        }
        report.append("\n");
        return rows;
    }

    /** The median slowest share of a measured cell (keyed as {@link WriterThreads#key}), or null. */
    Double slowestShare(String key) {
        return slowestShares.get(key);
    }

    /** {@code slowestShare[0]} is set to the slowest process's events/s over the mean of all. */
    private Measured cell(String path, int processes, int unit, double[] slowestShare) throws Exception {
        Path file = work.resolve("proc-" + System.nanoTime() + ".db");
        try (Database db = Database.open(file)) {
            new Migrator().migrate(db);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String mode = path.equals(WriterThreads.RUNSTORE) ? BenchWriter.RUNSTORE : BenchWriter.POOLED;
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            BenchWriter.class.getName(),
                            mode,
                            file.toString(),
                            "p" + p,
                            Integer.toString(unit),
                            Double.toString(seconds))
                    .redirectError(
                            work.resolve(file.getFileName() + "-p" + p + ".err").toFile())
                    .start();
            children.add(child);
            outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        }
        try {
            for (int p = 0; p < processes; p++) {
                line(outputs.get(p), BenchWriter.READY, work.resolve(file.getFileName() + "-p" + p + ".err"));
            }
            for (Process child : children) {
                try (var go = child.getOutputStream()) {
                    go.write('\n');
                }
            }
            double events = 0;
            double slowest = Double.MAX_VALUE;
            long failures = 0;
            double p50 = 0;
            double p99 = 0;
            double max = 0;
            for (int p = 0; p < processes; p++) {
                String[] parts = line(
                                outputs.get(p),
                                BenchWriter.RESULT,
                                work.resolve(file.getFileName() + "-p" + p + ".err"))
                        .split(" ");
                if (children.get(p).waitFor() != 0) {
                    throw new IllegalStateException("writer process " + p + " exited with "
                            + children.get(p).exitValue());
                }
                double own = Double.parseDouble(parts[0]) / seconds;
                events += own;
                slowest = Math.min(slowest, own);
                failures += Long.parseLong(parts[1]);
                p50 = Math.max(p50, Double.parseDouble(parts[2]));
                p99 = Math.max(p99, Double.parseDouble(parts[3]));
                max = Math.max(max, Double.parseDouble(parts[4]));
            }
            slowestShare[0] = events == 0 ? 0 : slowest / (events / processes);
            return new Measured(events, failures, p50, p99, max);
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    /** The rest of the child's line that starts with {@code prefix}; other lines (JVM warnings) are skipped. */
    private static String line(BufferedReader child, String prefix, Path stderr) throws IOException {
        for (String line = child.readLine(); line != null; line = child.readLine()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        String errors = java.nio.file.Files.exists(stderr) ? java.nio.file.Files.readString(stderr) : "";
        throw new IllegalStateException(
                "a writer process ended before it printed \"" + prefix + "\"; its stderr (" + stderr + "):\n" + errors);
    }
}
