package dev.tollgate.video;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How video jobs are worked ({@code tollgate.video.*}).
 *
 * @param workers jobs this instance works on at once; 0 leaves the queue to other instances
 * @param pollInterval how often an idle worker looks for jobs, and how often a worker asks the upstream how a task
 *     stands
 * @param lease how long a claim lasts without being renewed; a job whose worker died is claimed again after this
 * @param timeout a job not finished this long after it was accepted fails and is refunded
 * @param maxAttempts how many claims a job gets when the upstream fails in a way worth retrying
 */
@ConfigurationProperties("tollgate.video")
public record VideoProperties(
        @DefaultValue("2") int workers,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("15m") Duration timeout,
        @DefaultValue("3") int maxAttempts) {

    public VideoProperties {
        if (workers < 0) {
            throw new IllegalArgumentException("tollgate.video.workers is 0 or more");
        }
        if (!pollInterval.isPositive() || !lease.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("tollgate.video poll-interval, lease and timeout are positive");
        }
        if (lease.compareTo(pollInterval.multipliedBy(2)) < 0) {
            // a worker renews its lease as it polls; a lease shorter than two polls would lapse between them
            throw new IllegalArgumentException("tollgate.video.lease is at least twice the poll interval");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tollgate.video.max-attempts is at least 1");
        }
    }
}
