package dev.tollgate.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The log of a background task that runs every second or so and fails run after run while the database is out of
 * reach: the first failure with its stack, then a line a minute saying how long it has lasted, and one when the task
 * works again. A stack on every run buried everything else in the log for as long as an outage lasted.
 */
public final class FailureStreak {

    /** How often a streak that goes on is logged again. */
    static final Duration REMINDER = Duration.ofMinutes(1);

    private final Logger log;
    private final String task;
    private final Clock clock;
    private int failures;
    private @Nullable Instant since;
    private @Nullable Instant logged;

    /**
     * @param task what fails, to start a sentence: "Rolling up usage", "Webhook worker 2 reaching the outbox"
     */
    public FailureStreak(Logger log, String task, Clock clock) {
        this.log = log;
        this.task = task;
        this.clock = clock;
    }

    /** A run failed: logged in full if it is the first of a streak, in a line if a minute has passed since the last. */
    public synchronized void failed(RuntimeException failure) {
        Instant now = clock.instant();
        failures++;
        if (since == null) {
            since = now;
            logged = now;
            log.warn("{} failed; it is tried again on the next run", task, failure);
        } else if (logged == null || !now.isBefore(logged.plus(REMINDER))) {
            logged = now;
            log.warn(
                    "{} has failed {} times in a row since {}: {}",
                    task,
                    failures,
                    since,
                    String.valueOf(failure.getMessage()));
        }
    }

    /** A run succeeded: ends a streak, saying how long it lasted. */
    public synchronized void succeeded() {
        if (since == null) {
            return;
        }
        log.info(
                "{} works again, after {} failed runs over {} s",
                task,
                failures,
                Duration.between(since, clock.instant()).toSeconds());
        failures = 0;
        since = null;
        logged = null;
    }
}
