package dev.tollgate.database;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.support.CapturedLog;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.ReadOnlyDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The video and webhook workers, which claim work from the database in a loop of their own, while the database refuses
 * writes for a few of their runs: each worker logs the outage once with its stack and once when it ends, and keeps
 * going.
 */
@IntegrationTest
class WorkerOutageTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Long enough for the webhook workers (a run a second here) to fail more than once. */
    private static final Duration OUTAGE_AFTER_FIRST_FAILURE = Duration.ofMillis(2_500);

    private static final Pattern VIDEO = Pattern.compile("(Video worker \\S+ reaching the queue) .*");
    private static final Pattern WEBHOOK = Pattern.compile("(Webhook worker \\S+ reaching the outbox) .*");

    @Autowired
    HikariDataSource database;

    @Test
    void eachWorkerLogsAnOutageOnceWithItsStackAndOnceWhenItEnds() throws InterruptedException {
        try (CapturedLog video = CapturedLog.of("dev.tollgate.video.VideoWorker");
                CapturedLog webhook = CapturedLog.of("dev.tollgate.webhook.DeliveryWorker")) {
            try (ReadOnlyDatabase outage = ReadOnlyDatabase.of(database)) {
                awaitLine(video, line -> line.endsWith("failed; it is tried again on the next run"));
                awaitLine(webhook, line -> line.endsWith("failed; it is tried again on the next run"));
                Thread.sleep(OUTAGE_AFTER_FIRST_FAILURE);
            }
            awaitLine(video, line -> line.contains(" works again, after "));
            awaitLine(webhook, line -> line.contains(" works again, after "));

            assertEachStreakLoggedOnceAndEnded(video.events(), VIDEO);
            assertEachStreakLoggedOnceAndEnded(webhook.events(), WEBHOOK);
        }
    }

    /**
     * Every worker that failed logged its first failure with the stack and, only after it, a line saying it works
     * again after more than one failed run: the failures between were not logged.
     */
    private static void assertEachStreakLoggedOnceAndEnded(List<ILoggingEvent> events, Pattern worker) {
        Map<String, List<ILoggingEvent>> byWorker = events.stream()
                .filter(event -> worker.matcher(event.getFormattedMessage()).matches())
                .collect(Collectors.groupingBy(event -> task(worker, event)));
        assertThat(byWorker).isNotEmpty();
        byWorker.forEach((task, streak) -> {
            assertThat(streak).as(task).hasSize(2);
            assertThat(streak.getFirst().getLevel()).isEqualTo(Level.WARN);
            assertThat(streak.getFirst().getFormattedMessage())
                    .isEqualTo(task + " failed; it is tried again on the next run");
            assertThat(streak.getFirst().getThrowableProxy().getMessage()).contains("read-only transaction");
            assertThat(streak.getLast().getLevel()).isEqualTo(Level.INFO);
            assertThat(streak.getLast().getFormattedMessage())
                    .matches(Pattern.quote(task) + " works again, after ([2-9]|\\d\\d+) failed runs over \\d+ s");
        });
    }

    private static String task(Pattern worker, ILoggingEvent event) {
        Matcher matcher = worker.matcher(event.getFormattedMessage());
        return matcher.matches() ? matcher.group(1) : "";
    }

    private static void awaitLine(CapturedLog log, Predicate<String> line) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (log.events().stream().map(ILoggingEvent::getFormattedMessage).noneMatch(line)) {
            assertThat(Instant.now()).as("the line logged in time").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
