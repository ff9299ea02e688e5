package dev.runstore.desktop.bench;

import atlantafx.base.theme.PrimerLight;
import dev.runstore.core.admin.Demo;
import dev.runstore.core.db.Database;
import dev.runstore.desktop.main.MainView;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.task.FxTaskExecutor;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The console on a large database, measured in a real (headless, Monocle) window with the real
 * background executor: the first window until its overview is shown, the database work of one live
 * refresh of each panel, the process's memory, and how much an open console slows an ingest
 * running beside it (a real {@code runstore ingest} child process, with and without the console).
 *
 * <p>{@code mvn -B -q -pl desktop test-compile exec:exec@bench} after {@code mvn -q install
 * -DskipTests} and the core benchmark's browse section (which builds the 10,000,000-event
 * database it opens); figures to {@code desktop/target/bench/console.md}. Without that database
 * only the ingest section runs; {@code -Dbench.rounds=N} sets its rounds (5).
 */
public final class ConsoleBenchmark {
    private final Path database;
    private final Path cliJar;
    private final Path work;
    private final StringBuilder report = new StringBuilder();

    private ConsoleBenchmark(Path database, Path cliJar, Path work) {
        this.database = database;
        this.cliJar = cliJar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path database = Path.of(args[0]);
        Path cliJar = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out.getParent());
        Path work = Files.createDirectories(out.getParent().resolve("console-work"));
        Platform.startup(() -> {});
        Platform.setImplicitExit(false);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ConsoleBenchmark bench = new ConsoleBenchmark(database, cliJar, work);
        bench.run();
        Files.writeString(out, bench.report.toString());
        System.out.println(bench.report);
        Platform.exit();
        System.exit(0);
    }

    private void run() throws Exception {
        line("# The console on a large database");
        line("");
        line("Measured " + Instant.now() + " by `ConsoleBenchmark` (desktop test sources), headless Monocle window, "
                + Runtime.getRuntime().availableProcessors() + " cores; load average before: " + load() + ".");
        line("");
        if (Files.exists(database)) {
            firstWindowAndRefreshes();
        } else {
            line("(The first window and the refreshes were not measured: no database at " + database + ".)");
            line("");
        }
        ingestBesideTheConsole();
    }

    // ---- the first window, the refreshes, memory -------------------------------------------------

    private void firstWindowAndRefreshes() throws Exception {
        line("## " + database.getFileName() + " (" + String.format(Locale.ROOT, "%,d", Files.size(database) >> 20)
                + " MB)");
        line("");
        List<Double> firsts = new ArrayList<>();
        List<Double> complete = new ArrayList<>();
        Console console = null;
        for (int i = 0; i < 3; i++) {
            if (console != null) {
                console.close();
            }
            console = Console.show(0);
            long started = System.nanoTime();
            Console shown = console;
            fx(() -> shown.viewModel.open(database));
            waitUntil(() -> shown.settled() && shown.viewModel.openProperty().get(), 300);
            firsts.add((System.nanoTime() - started) / 1e6);
            waitUntil(shown::followedUp, 300);
            complete.add((System.nanoTime() - started) / 1e6);
        }
        line("| figure | p50 | all runs |");
        line("|---|---|---|");
        line("| window opened until the overview is shown (ms; target <= 1000) | " + fmt(median(firsts)) + " | "
                + all(firsts) + " (the first with the file not yet in the page cache) |");
        line("| … until its table counts and checks (quick_check) are in too (ms) | " + fmt(median(complete)) + " | "
                + all(complete) + " |");

        Console c = console;
        AtomicLong dbNanos = new AtomicLong();
        java.util.Map<String, Long> byOperation = new java.util.concurrent.ConcurrentHashMap<>();
        fx(() -> c.viewModel.session().observe((operation, nanos) -> {
            dbNanos.addAndGet(nanos);
            byOperation.merge(operation, nanos, Long::sum);
        }));
        for (Navigation.Target target :
                List.of(Navigation.Target.OVERVIEW, Navigation.Target.RUNS, Navigation.Target.BROWSE)) {
            fx(() -> {
                c.viewModel.navigation().show(target);
                if (target == Navigation.Target.BROWSE) {
                    c.viewModel.navigation().browse("events");
                }
            });
            waitUntil(c::settled, 120);
            if (target == Navigation.Target.RUNS) {
                fx(() -> c.viewModel
                        .runs()
                        .selectedRunProperty()
                        .set(c.viewModel.runs().visibleRuns().get(0)));
                waitUntil(c::settled, 60);
            }
            List<Double> refreshes = new ArrayList<>();
            byOperation.clear();
            for (int i = 0; i < 12; i++) {
                dbNanos.set(0);
                fx(() -> c.viewModel.refresh());
                waitUntil(c::settled, 60);
                refreshes.add(dbNanos.get() / 1e6);
            }
            line("| one live refresh of " + target.name().toLowerCase(Locale.ROOT)
                    + ", database work (ms; target <= 50) | " + fmt(median(refreshes)) + " | " + all(refreshes)
                    + " (per refresh: "
                    + String.join(
                            ", ",
                            byOperation.entrySet().stream()
                                    .map(e -> e.getKey() + " " + fmt(e.getValue() / 12 / 1e6))
                                    .toList())
                    + ") |");
        }
        System.gc();
        line("| RSS of the console process with it open (MB) | " + rssMb() + " | |");
        line("");
        c.close();
    }

    // ---- an ingest beside the console --------------------------------------------------------------

    private void ingestBesideTheConsole() throws Exception {
        Path target = work.resolve("ingest.db");
        Files.deleteIfExists(target);
        Files.deleteIfExists(work.resolve("ingest.db-wal"));
        Files.deleteIfExists(work.resolve("ingest.db-shm"));
        long built = System.nanoTime();
        try (Database db = Database.open(target)) {
            Demo.fill(db, 240, 10_000);
        }
        line("## An ingest of 200,000 events into a 2,400,000-event database beside the console");
        line("");
        line("Database built with `Demo.fill` (240 runs × 10,000 events) in "
                + fmt((System.nanoTime() - built) / 1e9)
                + " s. Each ingest is `runstore ingest` in a child process into a new run, batches of 500;"
                + " the console, opened before the ingest starts (its counts and checks done), refreshes every 5 s, as it does by default. Alternating runs, "
                + Integer.getInteger("bench.rounds", 5)
                + " of each. Following: the run created just before, selected, Follow on; the ingest appends to it.");
        line("");
        List<Double> without = new ArrayList<>();
        List<Double> overview = new ArrayList<>();
        List<Double> runs = new ArrayList<>();
        List<Double> following = new ArrayList<>();
        int rounds = Integer.getInteger("bench.rounds", 5);
        for (int round = 0; round < rounds; round++) {
            without.add(ingest(target, "alone-" + round, null, false));
            overview.add(ingest(target, "overview-" + round, Navigation.Target.OVERVIEW, false));
            runs.add(ingest(target, "runs-" + round, Navigation.Target.RUNS, false));
            following.add(ingest(target, "follow-" + round, Navigation.Target.RUNS, true));
        }
        double base = median(without);
        line("| ingest | p50 s | all runs | vs no console |");
        line("|---|---|---|---|");
        line("| no console | " + fmt(base) + " | " + all(without) + " | 1.00 |");
        line("| console open on the overview | " + fmt(median(overview)) + " | " + all(overview) + " | "
                + fmt(median(overview) / base) + " |");
        line("| console open on the runs, newest run selected | " + fmt(median(runs)) + " | " + all(runs) + " | "
                + fmt(median(runs) / base) + " |");
        line("| console open on the runs, following the ingesting run | " + fmt(median(following)) + " | "
                + all(following) + " | " + fmt(median(following) / base) + " |");
        line("");
        line("Target: an open console slows an ingest by <= 5% (a ratio <= 1.05).");
        line("");
        line(
                "| console during the ingest | CPU s of the console process (p50) | all runs | database work per refresh (ms, p50) |");
        line("|---|---|---|---|");
        for (String name : consoleCpu.keySet()) {
            line("| " + name + " | " + fmt(median(consoleCpu.get(name))) + " | " + all(consoleCpu.get(name)) + " | "
                    + fmt(median(consoleDb.get(name))) + " |");
        }
    }

    private double ingest(Path target, String run, Navigation.Target panel, boolean follow) throws Exception {
        Path input = work.resolve("events.jsonl");
        if (!Files.exists(input)) {
            try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                for (int i = 1; i <= 200_000; i++) {
                    out.write("{\"seq\":" + i + ",\"ts\":\"2026-12-01T09:00:00." + String.format("%06d", i % 1_000_000)
                            + "+00:00\",\"level\":\"" + (i % 50 == 0 ? "error" : "info") + "\",\"kind\":\"fetch\","
                            + "\"message\":\"page " + i + " fetched\",\"payload\":{\"rows\":" + (i % 97) + "}}\n");
                }
            }
        }
        if (follow) {
            // The run exists before the ingest (which appends to it), so the console follows it
            // from the first event however fast the ingest is.
            try (Database db = Database.open(target)) {
                new dev.runstore.core.store.Runs(db)
                        .create(new dev.runstore.core.store.NewRun(run, "bench", java.util.Map.of(), Instant.now()));
            }
        }
        Console console = null;
        if (panel != null) {
            console = Console.show(5);
            Console c = console;
            fx(() -> c.viewModel.open(target));
            // The console already open when the ingest starts: its counts and checks on open are
            // done (opening it during an ingest costs that ingest the checks' read of the file).
            waitUntil(() -> c.settled() && c.viewModel.openProperty().get() && c.followedUp(), 300);
            fx(() -> c.viewModel.navigation().show(panel));
            waitUntil(c::settled, 60);
            if (panel == Navigation.Target.RUNS) {
                fx(() -> c.viewModel
                        .runs()
                        .selectedRunProperty()
                        .set(c.viewModel.runs().visibleRuns().get(0)));
                waitUntil(c::settled, 60);
            }
            if (follow) {
                fx(() -> {
                    if (!c.viewModel.runs().visibleRuns().get(0).run().name().equals(run)) {
                        throw new IllegalStateException("the console does not list run " + run + " first");
                    }
                    c.viewModel.runs().follow();
                });
                waitUntil(c::settled, 60);
            }
        }
        ProcessBuilder process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        cliJar.toString(),
                        "--db",
                        target.toString(),
                        "ingest",
                        "--run",
                        run,
                        "--batch",
                        "500")
                .redirectInput(input.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        AtomicLong dbNanos = new AtomicLong();
        AtomicLong refreshes = new AtomicLong();
        if (console != null) {
            Console c = console;
            fx(() -> c.viewModel.session().observe((operation, nanos) -> {
                dbNanos.addAndGet(nanos);
                if (operation.equals("recentRuns")) {
                    refreshes.incrementAndGet();
                }
            }));
        }
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        int code = process.start().waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (console != null) {
            consoleCpu.merge(
                    configuration(panel, follow),
                    List.of((processCpuNanos() - cpuBefore) / 1e9),
                    ConsoleBenchmark::concat);
            consoleDb.merge(
                    configuration(panel, follow),
                    List.of(dbNanos.get() / 1e6 / Math.max(1, refreshes.get())),
                    ConsoleBenchmark::concat);
        }
        if (console != null) {
            console.close();
        }
        if (code != 0) {
            throw new IllegalStateException("ingest exited " + code);
        }
        return seconds;
    }

    /** The console process's CPU time (every thread: FX, background reads, rendering). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private final java.util.Map<String, List<Double>> consoleCpu = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, List<Double>> consoleDb = new java.util.LinkedHashMap<>();

    private static String configuration(Navigation.Target panel, boolean follow) {
        return panel == Navigation.Target.OVERVIEW ? "overview" : follow ? "following" : "runs";
    }

    private static List<Double> concat(List<Double> a, List<Double> b) {
        List<Double> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- a console window ----------------------------------------------------------------------------

    private record Console(Stage stage, MainViewModel viewModel) {
        static Console show(int refreshSeconds) throws Exception {
            AtomicReference<Console> shown = new AtomicReference<>();
            fx(() -> {
                Stage stage = new Stage();
                MainViewModel viewModel = new MainViewModel(
                        new FxTaskExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
                viewModel.refreshSecondsProperty().set(refreshSeconds);
                MainView.show(stage, viewModel);
                shown.set(new Console(stage, viewModel));
            });
            return shown.get();
        }

        boolean settled() {
            AtomicReference<Boolean> quiet = new AtomicReference<>(false);
            try {
                fx(() -> quiet.set(!viewModel.busyProperty().get()
                        && viewModel.panels().stream()
                                .noneMatch(p -> p.loadingProperty().get())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return quiet.get();
        }

        boolean followedUp() {
            AtomicReference<Boolean> done = new AtomicReference<>(false);
            try {
                fx(() -> done.set(!viewModel.overview().followingUp()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return done.get();
        }

        void close() throws Exception {
            fx(() -> {
                viewModel.close();
                stage.close();
            });
        }
    }

    private static void fx(Runnable action) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failed.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not answer in 120 s");
        }
        if (failed.get() != null) {
            throw new IllegalStateException(failed.get());
        }
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread.sleep(20); // let the work just asked for start before asking whether it is done
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the console stayed busy for " + seconds + " s");
            }
            Thread.sleep(5);
        }
    }

    private static String rssMb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> String.valueOf(Long.parseLong(l.replaceAll("\\D", "")) / 1024))
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String all(List<Double> values) {
        return String.join(", ", values.stream().map(ConsoleBenchmark::fmt).toList());
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
