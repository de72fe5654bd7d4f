package dev.tollgate.video;

import dev.tollgate.account.TeamSummary;
import dev.tollgate.account.UserId;
import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.caller.Caller;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pays for and queues video jobs the way the gateway does (charge, job and confirmation in one transaction, as a team
 * member), and reads back what the tests check: the job, the team's balance, its ledger and usage.
 */
final class PaidJobs {

    static final ModelId MODEL = new ModelId("enterprise/seedance-1-5-pro");
    static final Credits PRICE = Credits.of("0.60");

    private final PrepaidCharges charges;
    private final VideoJobs videoJobs;
    private final Actors actors;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    PaidJobs(
            PrepaidCharges charges,
            VideoJobs videoJobs,
            Actors actors,
            JdbcClient jdbc,
            JdbcTransactionManager jdbcTransactions) {
        this.charges = charges;
        this.videoJobs = videoJobs;
        this.actors = actors;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(jdbcTransactions);
    }

    VideoJob queue(TeamSummary team, UserDetails member, String prompt, String size, int seconds) {
        return actors.as(
                member,
                () -> transactions.execute(status -> {
                    Caller caller = Caller.portal("req-video-" + UUID.randomUUID(), team.id(), userId(member));
                    PrepaidCharge charge = charges.charge(team.id(), null, caller.requestId(), PRICE, "Video " + MODEL);
                    VideoJob queued =
                            videoJobs.enqueue(new NewVideoJob(charge, caller, MODEL, prompt, seconds, size, null));
                    charges.confirm(charge);
                    return queued;
                }));
    }

    /**
     * Queues a job that an instance had already started upstream before it stopped: the channel and task are on the
     * row when a worker first sees it, so the worker follows that task instead of submitting one.
     */
    VideoJob queueStarted(
            TeamSummary team,
            UserDetails member,
            String prompt,
            String size,
            int seconds,
            String channel,
            String task) {
        return actors.as(
                member,
                () -> transactions.execute(status -> {
                    Caller caller = Caller.portal("req-video-" + UUID.randomUUID(), team.id(), userId(member));
                    PrepaidCharge charge = charges.charge(team.id(), null, caller.requestId(), PRICE, "Video " + MODEL);
                    VideoJob job =
                            videoJobs.enqueue(new NewVideoJob(charge, caller, MODEL, prompt, seconds, size, null));
                    jdbc.sql("update video_job set channel = ?, upstream_task_id = ? where id = ?")
                            .params(channel, task, job.id().value())
                            .update();
                    return job;
                }));
    }

    VideoJob find(TeamSummary team, UserDetails member, VideoJobId id) {
        return actors.as(member, () -> videoJobs.find(team.id(), id).orElseThrow());
    }

    /** Waits until the job satisfies {@code condition}, reading it as {@code member}. */
    VideoJob await(TeamSummary team, UserDetails member, VideoJobId id, Predicate<VideoJob> condition, Duration most)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(most);
        VideoJob job = find(team, member, id);
        while (!condition.test(job)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Job " + id + " is still " + job.status() + " after " + most);
            }
            Thread.sleep(25);
            job = find(team, member, id);
        }
        return job;
    }

    UserId userId(UserDetails member) {
        return new UserId(jdbc.sql("select id from app_user where email = ?")
                .param(member.getUsername())
                .query(UUID.class)
                .single());
    }

    BigDecimal balance(TeamSummary team) {
        return new Books(jdbc).balance(team.id());
    }

    /** The job's ledger entries as {@code KIND amount}, oldest first. */
    List<String> ledger(VideoJob job) {
        return jdbc.sql("select kind || ' ' || amount from ledger_entry where reference = ? order by id")
                .param(job.caller().requestId())
                .query(String.class)
                .list();
    }

    /** The job's usage rows as {@code STATUS request_cost}. */
    List<String> usage(VideoJob job) {
        return jdbc.sql("select status || ' ' || request_cost from usage_record where request_id = ?")
                .param(job.caller().requestId())
                .query(String.class)
                .list();
    }

    /** Makes the job look accepted {@code age} ago. */
    void backdate(VideoJob job, Duration age) {
        jdbc.sql("update video_job set created_at = created_at - make_interval(secs => ?) where id = ?")
                .params((double) age.toSeconds(), job.id().value())
                .update();
    }
}
