package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SlowTransactionWarningTest {
    @TempDir
    Path dir;

    private final Logger writerLogger = (Logger) LoggerFactory.getLogger(Writer.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        captured.start();
        writerLogger.addAppender(captured);
    }

    @AfterEach
    void releaseLog() {
        writerLogger.detachAppender(captured);
    }

    @Test
    void aWriteThatHoldsTheLockPastTheThresholdLogsOneWarnWithTheCallersStack() throws Exception {
        try (Database db = Database.open(config())) {
            db.useWrite(h -> sleep(150));
        }

        List<ILoggingEvent> warnings = warnings();
        assertThat(warnings).hasSize(1);
        ILoggingEvent warning = warnings.get(0);
        assertThat(warning.getFormattedMessage())
                .contains("slow.db")
                .containsPattern("held the write lock for \\d+ ms \\(threshold 50 ms\\)");
        StackTraceElementProxy[] stack = warning.getThrowableProxy().getStackTraceElementProxyArray();
        assertThat(Arrays.stream(stack).map(StackTraceElementProxy::getSTEAsString))
                .anyMatch(frame -> frame.contains(getClass().getSimpleName() + ".aWriteThatHoldsTheLock"));
    }

    @Test
    void aShortWriteLogsNothing() {
        try (Database db = Database.open(config())) {
            db.useWrite(h -> h.execute("CREATE TABLE t (x INTEGER)"));
        }
        assertThat(warnings()).isEmpty();
    }

    private DatabaseConfig config() {
        return DatabaseConfig.builder(dir.resolve("slow.db"))
                .slowTransactionThreshold(Duration.ofMillis(50))
                .build();
    }

    private List<ILoggingEvent> warnings() {
        return captured.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
