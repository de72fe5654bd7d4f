package dev.tollgate.video;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes an idle worker when a job is queued on this instance, so it need not wait for its next look at the queue. */
final class NewJobSignal {

    private final Semaphore queued = new Semaphore(0);

    void ring() {
        queued.release();
    }

    /** Waits for a ring or until {@code timeout} has passed, whichever comes first. */
    void await(Duration timeout) throws InterruptedException {
        if (queued.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // rings that came meanwhile are answered by this one look at the queue
            queued.drainPermits();
        }
    }
}
