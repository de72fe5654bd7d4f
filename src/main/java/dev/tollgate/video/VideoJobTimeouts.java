package dev.tollgate.video;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fails and refunds jobs not finished within {@code tollgate.video.timeout} of being accepted: queued ones nobody
 * worked (no instance runs workers) and ones whose upstream never finished. Its compare-and-set is on status alone,
 * so it wins or loses cleanly against a worker finishing the same job at the same moment.
 */
@Component
class VideoJobTimeouts {

    private static final int BATCH = 500;

    private final VideoJobRepository jobs;
    private final JobFinisher finisher;
    private final VideoProperties properties;
    private final Clock clock;

    VideoJobTimeouts(VideoJobRepository jobs, JobFinisher finisher, VideoProperties properties, Clock clock) {
        this.jobs = jobs;
        this.finisher = finisher;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many jobs this call failed. */
    @Scheduled(fixedDelayString = "${tollgate.video.sweep-interval:30s}")
    int failTimedOut() {
        Instant cutoff = clock.instant().minus(properties.timeout());
        int failed = 0;
        for (VideoJobId id : jobs.unfinishedCreatedBefore(cutoff, BATCH)) {
            if (finisher.expire(id, "The video was not finished within " + describe(properties.timeout()))) {
                failed++;
            }
        }
        return failed;
    }

    private static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
    }
}
