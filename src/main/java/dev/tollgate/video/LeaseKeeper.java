package dev.tollgate.video;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a job's lease from a thread of its own while its worker is busy with one long call (a download that renders
 * the clip), so the job is not claimed again meanwhile.
 */
final class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final VideoJobRepository jobs;
    private final VideoJobId job;
    private final String worker;
    private final Duration lease;
    private final Clock clock;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread renewer;

    private LeaseKeeper(VideoJobRepository jobs, VideoJobId job, String worker, Duration lease, Clock clock) {
        this.jobs = jobs;
        this.job = job;
        this.worker = worker;
        this.lease = lease;
        this.clock = clock;
        this.renewer = Thread.ofVirtual().name(worker + "-lease").unstarted(this::renewUntilDone);
    }

    static LeaseKeeper start(VideoJobRepository jobs, VideoJobId job, String worker, Duration lease, Clock clock) {
        LeaseKeeper keeper = new LeaseKeeper(jobs, job, worker, lease, clock);
        keeper.renewer.start();
        return keeper;
    }

    /** Stops renewing; the renewer is told rather than interrupted, so it never stops in the middle of a statement. */
    @Override
    public void close() {
        done.countDown();
        try {
            renewer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void renewUntilDone() {
        long every = Math.max(1, lease.toMillis() / 3);
        try {
            while (!done.await(every, TimeUnit.MILLISECONDS)) {
                if (!renew()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean renew() {
        try {
            return jobs.renew(job, worker, lease, clock.instant());
        } catch (RuntimeException e) {
            // a database hiccup: the next renewal may succeed before the lease runs out
            log.warn("Could not renew the lease of video job {}: {}", job, e.getMessage());
            return true;
        }
    }
}
