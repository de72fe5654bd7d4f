package dev.tollgate.provider.openai;

import java.time.Duration;

/**
 * Aborts a stream whose upstream sent its headers but then nothing: the HTTP client's timeout ends with the headers,
 * while the channel's timeout covers the wait for the first event too.
 */
final class FirstEventWatchdog {

    private final Thread timer;
    private volatile boolean fired;
    private volatile boolean cancelled;

    private FirstEventWatchdog(Duration timeout, Runnable abort) {
        this.timer = Thread.ofVirtual().unstarted(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return;
            }
            if (!cancelled) {
                fired = true;
                abort.run();
            }
        });
    }

    static FirstEventWatchdog start(Duration timeout, Runnable abort) {
        FirstEventWatchdog watchdog = new FirstEventWatchdog(timeout, abort);
        watchdog.timer.start();
        return watchdog;
    }

    /** The first event came (or the stream was closed): no abort any more. */
    void cancel() {
        if (!cancelled) {
            cancelled = true;
            timer.interrupt();
        }
    }

    boolean fired() {
        return fired;
    }
}
