package dev.tollgate.webhook;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes an idle worker when there may be something for it, so it need not wait for its next look at the outbox. */
final class OutboxSignal {

    private final Semaphore rings = new Semaphore(0);

    void ring() {
        rings.release();
    }

    /** Waits for a ring or until {@code timeout} has passed, whichever comes first. */
    void await(Duration timeout) throws InterruptedException {
        if (rings.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // rings that came meanwhile are answered by this one look at the outbox
            rings.drainPermits();
        }
    }
}
