package dev.tollgate.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.support.Actors;
import dev.tollgate.support.TestTeams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A job that fails, however it fails and however many parties notice, is refunded exactly once: the balance comes
 * back to the cent, the ledger shows one charge and one refund, and usage one failed request that cost nothing.
 */
@QueueWithoutWorkers
class VideoRefundTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    VideoJobs videoJobs;

    @Autowired
    VideoJobRepository jobs;

    @Autowired
    JobFinisher finisher;

    @Autowired
    VideoJobTimeouts timeouts;

    @Autowired
    VideoProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    PaidJobs paid;
    TestWorkers workers;

    @BeforeEach
    void setUp() {
        paid = new PaidJobs(
                context.getBean(PrepaidCharges.class),
                videoJobs,
                actors,
                jdbc,
                context.getBean(JdbcTransactionManager.class));
        workers = new TestWorkers(context);
    }

    @AfterEach
    void tearDown() {
        workers.failLeftovers();
    }

    @Test
    void aTaskTheUpstreamFailsFailsTheJobAndRefundsItOnce() {
        TeamSummary team = testTeams.createWithBalance("Video refused", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob job = paid.queue(team, member, "Something the upstream refuses", "64x64", 1);
        assertThat(paid.balance(team)).isEqualByComparingTo("0.40");
        FakeVideoProvider upstream = new FakeVideoProvider(
                (prompt, poll) -> new VideoTaskStatus(VideoTaskStatus.State.FAILED, 0, "Refused by the content policy"),
                Duration.ZERO);
        double failedBefore = videoJobsEnded("failed");
        double completedBefore = videoJobsEnded("completed");

        assertThat(workers.worker("worker-a", upstream).workOne()).isTrue();
        paid.backdate(job, properties.timeout().plusMinutes(1));
        timeouts.failTimedOut();

        VideoJob failed = paid.find(team, member, job.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Refused by the content policy");
        assertThat(failed.refunded()).isTrue();
        assertThat(failed.video()).isNull();
        assertThat(failed.completedAt()).isNotNull();
        assertThat(finisher.expire(job.id(), "once more"))
                .as("a finished job fails no more")
                .isFalse();
        assertThat(paid.balance(team)).as("the balance is back where it was").isEqualByComparingTo("1.00");
        assertThat(paid.ledger(job)).containsExactly("CHARGE -0.600000000", "REFUND 0.600000000");
        assertThat(paid.usage(job)).containsExactly("FAILED 0.000000000");
        assertThat(videoJobsEnded("failed") - failedBefore)
                .as("the metric of video jobs counts it once as failed")
                .isEqualTo(1.0);
        assertThat(videoJobsEnded("completed")).isEqualTo(completedBefore);
    }

    @Test
    void aJobNotFinishedInTimeIsFailedAndRefundedOnce() {
        TeamSummary team = testTeams.createWithBalance("Video late", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob late = paid.queue(team, member, "A video nobody worked on", "64x64", 1);
        VideoJob recent = paid.queue(team, member, "A video accepted a moment ago", "64x64", 1);
        paid.backdate(late, properties.timeout().plusSeconds(1));

        Instant now = clock.instant();
        assertThat(jobs.claim("worker-a", properties.lease(), now.minus(properties.timeout()), now))
                .as("a worker leaves a late job to the sweeper and takes the recent one")
                .hasValueSatisfying(claimed -> assertThat(claimed.id()).isEqualTo(recent.id()));
        timeouts.failTimedOut();
        timeouts.failTimedOut();

        VideoJob failed = paid.find(team, member, late.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.error()).startsWith("The video was not finished within");
        assertThat(failed.refunded()).isTrue();
        assertThat(paid.find(team, member, recent.id()).status()).isEqualTo(VideoStatus.IN_PROGRESS);
        assertThat(paid.ledger(late)).containsExactly("CHARGE -0.600000000", "REFUND 0.600000000");
        assertThat(paid.usage(late)).containsExactly("FAILED 0.000000000");
        assertThat(paid.balance(team))
                .as("only the recent job is still paid for")
                .isEqualByComparingTo("1.40");
    }

    @Test
    void theSweeperAndAFailingWorkerRacingForAJobRefundItOnce() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video refund race", "10.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        List<VideoJob> queued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            VideoJob job = paid.queue(team, member, "Raced job " + i, "64x64", 1);
            Instant now = clock.instant();
            assertThat(jobs.claim("worker-a", properties.lease(), now.minus(properties.timeout()), now))
                    .hasValueSatisfying(claimed -> assertThat(claimed.id()).isEqualTo(job.id()));
            queued.add(job);
        }

        int wins = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (VideoJob job : queued) {
                paid.backdate(job, properties.timeout().plusMinutes(1));
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> worker = pool.submit(() -> {
                    together.await();
                    return finisher.fail(job.id(), "worker-a", "The upstream gave up");
                });
                Future<Integer> sweeper = pool.submit(() -> {
                    together.await();
                    return timeouts.failTimedOut();
                });
                wins += (worker.get() ? 1 : 0) + sweeper.get();
            }
        }

        assertThat(wins).as("one winner per job").isEqualTo(queued.size());
        for (VideoJob job : queued) {
            VideoJob failed = paid.find(team, member, job.id());
            assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
            assertThat(failed.refunded()).isTrue();
            assertThat(paid.ledger(job)).containsExactly("CHARGE -0.600000000", "REFUND 0.600000000");
            assertThat(paid.usage(job)).containsExactly("FAILED 0.000000000");
        }
        assertThat(paid.balance(team)).isEqualByComparingTo("10.00");
    }

    @Test
    void aJobIsDeletedOnlyOnceItHasEnded() {
        TeamSummary team = testTeams.createWithBalance("Video delete early", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob job = paid.queue(team, member, "A video still in the queue", "64x64", 1);

        actors.as(
                member,
                () -> assertThatThrownBy(() -> videoJobs.delete(team.id(), job.id()))
                        .isInstanceOf(VideoJobNotFinishedException.class));
        finisher.expire(job.id(), "Cancelled");
        actors.as(member, () -> videoJobs.delete(team.id(), job.id()));

        actors.as(member, () -> {
            assertThat(videoJobs.find(team.id(), job.id())).isEmpty();
            assertThat(videoJobs.count(team.id(), null)).isZero();
        });
        assertThat(paid.ledger(job))
                .as("deleting changes nothing that was paid")
                .containsExactly("CHARGE -0.600000000", "REFUND 0.600000000");
    }

    /** Video jobs that ended so, of any model and channel, by {@code tollgate_video_jobs_total}. */
    private double videoJobsEnded(String outcome) {
        return meters.find("tollgate.video.jobs").tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
