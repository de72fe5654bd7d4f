package dev.tollgate.video;

import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.media.MediaId;
import dev.tollgate.money.Credits;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageRecorder;
import dev.tollgate.usage.UsageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends jobs. The status change, the usage row and (for a failure) the refund commit together, and only whoever wins
 * the status compare-and-set does the rest, so a job is finished, recorded and refunded exactly once however many
 * workers and sweepers race for it.
 */
@Component
class JobFinisher {

    private static final Logger log = LoggerFactory.getLogger(JobFinisher.class);

    private final VideoJobRepository jobs;
    private final PrepaidCharges charges;
    private final UsageRecorder usage;
    private final JobChanges changes;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JobFinisher(
            VideoJobRepository jobs,
            PrepaidCharges charges,
            UsageRecorder usage,
            JobChanges changes,
            JdbcTransactionManager jdbcTransactions,
            Clock clock) {
        this.jobs = jobs;
        this.charges = charges;
        this.usage = usage;
        this.changes = changes;
        this.transactions = new TransactionTemplate(jdbcTransactions);
        this.clock = clock;
    }

    /** Completes the job with its stored video; false when {@code worker} no longer holds it. */
    boolean complete(JobTicket job, String worker, MediaId video) {
        Instant now = clock.instant();
        Boolean completed = transactions.execute(status -> {
            if (!jobs.complete(job.id(), worker, video, now)) {
                return false;
            }
            usage.record(usage(job, UsageStatus.SUCCEEDED, job.cost(), null, now));
            return true;
        });
        if (Boolean.TRUE.equals(completed)) {
            changes.publish(job.id(), job.team(), VideoStatus.COMPLETED, 100);
            changes.finished(new VideoJobFinished(
                    job.model(),
                    job.channel(),
                    true,
                    job.createdAt(),
                    Duration.between(job.createdAt(), now),
                    job.cost(),
                    job.traceContext()));
            return true;
        }
        return false;
    }

    /** Fails the job held by {@code worker} and refunds it; false when the worker no longer holds it. */
    boolean fail(VideoJobId id, String worker, String reason) {
        return failUnlessFinished(id, worker, reason);
    }

    /** Fails the job whoever holds it, if it is not finished yet, and refunds it. */
    boolean expire(VideoJobId id, String reason) {
        return failUnlessFinished(id, null, reason);
    }

    private boolean failUnlessFinished(VideoJobId id, @Nullable String worker, String reason) {
        Instant now = clock.instant();
        Optional<JobTicket> failed = Optional.ofNullable(transactions.execute(status -> {
            Optional<JobTicket> won = jobs.fail(id, worker, reason, now);
            won.ifPresent(job -> {
                charges.refund(job.charge(), reason);
                jobs.markRefunded(job.id());
                usage.record(usage(job, UsageStatus.FAILED, Credits.ZERO, reason, now));
            });
            return won.orElse(null);
        }));
        failed.ifPresent(job -> {
            log.info("Video job {} failed and was refunded: {}", job.id(), reason);
            changes.publish(job.id(), job.team(), VideoStatus.FAILED, job.progress());
            changes.finished(new VideoJobFinished(
                    job.model(),
                    job.channel(),
                    false,
                    job.createdAt(),
                    Duration.between(job.createdAt(), now),
                    Credits.ZERO,
                    job.traceContext()));
        });
        return failed.isPresent();
    }

    private static UsageRecord usage(
            JobTicket job, UsageStatus status, Credits cost, @Nullable String error, Instant finished) {
        return UsageRecord.fixedPrice(
                job.caller(),
                UsageKind.VIDEO,
                job.model(),
                job.channel(),
                status,
                cost,
                error,
                job.createdAt(),
                finished);
    }
}
