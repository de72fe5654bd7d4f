package dev.tollgate.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.support.Actors;
import dev.tollgate.support.TestTeams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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
 * Workers on different instances share one queue: each job is claimed by one of them at a time, submitted upstream
 * once, and taken over by another worker, on the same upstream task, when its worker dies.
 */
@QueueWithoutWorkers
class VideoWorkerTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    VideoJobRepository jobs;

    @Autowired
    JobFinisher finisher;

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

    PaidJobs paid;
    TestWorkers workers;

    @BeforeEach
    void setUp() {
        paid = new PaidJobs(
                context.getBean(PrepaidCharges.class),
                context.getBean(VideoJobs.class),
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
    void twoWorkersOnOneDatabaseNeverWorkTheSameJob() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video race", "20.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        List<VideoJob> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(paid.queue(team, member, "Race job " + i, "64x64", 1));
        }
        FakeVideoProvider upstream =
                new FakeVideoProvider((prompt, poll) -> FakeVideoProvider.succeeded(), Duration.ofMillis(15));
        List<VideoWorker> both = List.of(workers.worker("worker-a", upstream), workers.worker("worker-b", upstream));

        List<Integer> worked = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (VideoWorker worker : both) {
                runs.add(pool.submit(() -> {
                    start.await();
                    int count = 0;
                    while (worker.workOne()) {
                        count++;
                    }
                    return count;
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                worked.add(run.get());
            }
        }

        assertThat(worked).as("jobs worked by each worker").allMatch(count -> count > 0);
        assertThat(worked.stream().mapToInt(Integer::intValue).sum())
                .as("every job worked exactly once between them")
                .isEqualTo(20);
        for (VideoJob job : queued) {
            VideoJob done = paid.find(team, member, job.id());
            assertThat(done.status()).as(job.prompt()).isEqualTo(VideoStatus.COMPLETED);
            assertThat(upstream.submits(job.prompt()))
                    .as("submits of " + job.prompt())
                    .isEqualTo(1);
            assertThat(upstream.downloads(job.prompt()))
                    .as("downloads of " + job.prompt())
                    .isEqualTo(1);
            assertThat(paid.usage(job)).containsExactly("SUCCEEDED 0.600000000");
        }
        assertThat(paid.balance(team)).isEqualByComparingTo("8.00");
    }

    @Test
    void aJobWhoseWorkerDiedIsFinishedByAnotherOnTheSameUpstreamTask() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video takeover", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob job = paid.queue(team, member, "A lighthouse keeper who vanished", "64x64", 1);
        FakeVideoProvider upstream = FakeVideoProvider.succeeding();

        Instant now = clock.instant();
        JobTicket claimedByA = jobs.claim("worker-a", Duration.ofMillis(400), now.minus(properties.timeout()), now)
                .orElseThrow();
        String task = upstream.submit(claimedByA.request());
        assertThat(jobs.recordTask(job.id(), "worker-a", "fake", task, clock.instant()))
                .isTrue();
        // worker A dies here: it never renews its lease or finishes the job

        VideoWorker workerB = workers.worker("worker-b", upstream);
        assertThat(workerB.workOne())
                .as("nothing to claim while A's lease lasts")
                .isFalse();
        Thread.sleep(450);
        assertThat(workerB.workOne())
                .as("A's job is claimable once its lease ran out")
                .isTrue();

        VideoJob done = paid.find(team, member, job.id());
        assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
        assertThat(upstream.submits(job.prompt()))
                .as("B follows A's task instead of submitting again")
                .isEqualTo(1);
        assertThat(upstream.polledTasks(job.prompt())).containsOnly(task);
        assertThat(attempts(job)).isEqualTo(2);
        assertThat(finisher.complete(claimedByA.withTask("fake", task), "worker-a", done.video()))
                .as("A, were it to come back, can no longer complete the job")
                .isFalse();
        assertThat(paid.usage(job)).containsExactly("SUCCEEDED 0.600000000");
    }

    @Test
    void aWorkerStoppedMidJobHandsItBackForAnotherToFinishAtOnce() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video shutdown", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob job = paid.queue(team, member, "A ferry crossing at dusk", "64x64", 1);
        FakeVideoProvider slow =
                new FakeVideoProvider((prompt, poll) -> FakeVideoProvider.succeeded(), Duration.ofMinutes(1));

        Thread workerA = Thread.ofVirtual().start(workers.worker("worker-a", slow));
        assertThat(slow.awaitDownload(Duration.ofSeconds(10)))
                .as("worker A is downloading")
                .isTrue();
        workerA.interrupt();

        assertThat(workerA.join(Duration.ofSeconds(5))).as("the worker stops").isTrue();
        assertThat(paid.find(team, member, job.id()).status()).isEqualTo(VideoStatus.IN_PROGRESS);
        assertThat(attempts(job))
                .as("a job handed back at shutdown has not used an attempt")
                .isZero();
        FakeVideoProvider sameUpstream = FakeVideoProvider.succeeding();
        assertThat(workers.worker("worker-b", sameUpstream).workOne())
                .as("claimable at once, without waiting for the lease")
                .isTrue();
        assertThat(paid.find(team, member, job.id()).status()).isEqualTo(VideoStatus.COMPLETED);
        assertThat(sameUpstream.submits(job.prompt())).as("B follows A's task").isZero();
        assertThat(sameUpstream.polledTasks(job.prompt())).containsOnly("fake-task-1");
    }

    @Test
    void aKeptLeaseHoldsTheJobThroughALongCallAndLapsesWhenNoLongerKept() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video lease", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        paid.queue(team, member, "A long render", "64x64", 1);
        Duration lease = Duration.ofMillis(300);
        Instant now = clock.instant();
        JobTicket claimed = jobs.claim("worker-a", lease, now.minus(properties.timeout()), now)
                .orElseThrow();

        try (LeaseKeeper kept = LeaseKeeper.start(jobs, claimed.id(), "worker-a", lease, clock)) {
            Thread.sleep(lease.multipliedBy(3));
            assertThat(claimBy("worker-b")).as("held while the lease is kept").isEmpty();
        }
        Thread.sleep(lease.plusMillis(100));
        assertThat(claimBy("worker-b"))
                .hasValueSatisfying(taken -> assertThat(taken.id()).isEqualTo(claimed.id()));
    }

    @Test
    void progressIsWrittenWhileTheUpstreamWorks() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video progress", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob job = paid.queue(team, member, "A slow sunrise", "64x64", 1);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        FakeVideoProvider upstream = new FakeVideoProvider(
                (prompt, poll) -> {
                    if (poll == 0) {
                        return new VideoTaskStatus(VideoTaskStatus.State.RUNNING, 40, null);
                    }
                    halfway.countDown();
                    await(checked);
                    return FakeVideoProvider.succeeded();
                },
                Duration.ZERO);

        Thread working = Thread.ofVirtual()
                .start(() -> workers.worker("worker-a", upstream).workOne());
        halfway.await();
        VideoJob running = paid.find(team, member, job.id());
        checked.countDown();
        working.join();

        assertThat(running.status()).isEqualTo(VideoStatus.IN_PROGRESS);
        assertThat(running.progress()).isEqualTo(40);
        assertThat(running.startedAt()).isNotNull();
        assertThat(paid.find(team, member, job.id()).progress()).isEqualTo(100);
    }

    @Test
    void aPassingUpstreamErrorIsRetriedOnTheSameTask() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video retry", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob job = paid.queue(team, member, "A river after rain", "64x64", 1);
        FakeVideoProvider upstream = new FakeVideoProvider(
                (prompt, poll) -> {
                    if (poll == 0) {
                        throw new UpstreamException("Upstream busy", true);
                    }
                    return FakeVideoProvider.succeeded();
                },
                Duration.ZERO);
        VideoWorker worker = workers.worker("worker-a", upstream);

        assertThat(worker.workOne()).isTrue();
        assertThat(paid.find(team, member, job.id()).status())
                .as("handed back for a later attempt")
                .isEqualTo(VideoStatus.IN_PROGRESS);
        assertThat(worker.workOne()).as("not before the retry delay").isFalse();
        Thread.sleep(properties.pollInterval().toMillis() + 50);
        assertThat(worker.workOne()).isTrue();

        assertThat(paid.find(team, member, job.id()).status()).isEqualTo(VideoStatus.COMPLETED);
        assertThat(upstream.submits(job.prompt())).isEqualTo(1);
        assertThat(upstream.polledTasks(job.prompt())).hasSize(2).containsOnly("fake-task-1");
        assertThat(attempts(job)).isEqualTo(2);
    }

    @Test
    void aPassingUpstreamErrorFailsTheJobOnceItsAttemptsAreUsedUp() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video retries", "1.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        VideoJob job = paid.queue(team, member, "A storm that never ends", "64x64", 1);
        FakeVideoProvider upstream = new FakeVideoProvider(
                (prompt, poll) -> {
                    throw new UpstreamException("Upstream busy", true);
                },
                Duration.ZERO);
        VideoWorker worker = workers.worker("worker-a", upstream);

        VideoJob failed = paid.find(team, member, job.id());
        for (int attempt = 1; !failed.status().isFinished() && attempt <= 10; attempt++) {
            if (!worker.workOne()) {
                Thread.sleep(properties.pollInterval().toMillis());
            }
            failed = paid.find(team, member, job.id());
        }

        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Upstream busy");
        assertThat(failed.refunded()).isTrue();
        assertThat(attempts(job)).isEqualTo(properties.maxAttempts());
        assertThat(paid.balance(team)).isEqualByComparingTo("1.00");
        assertThat(paid.usage(job)).containsExactly("FAILED 0.000000000");
    }

    private Optional<JobTicket> claimBy(String worker) {
        Instant now = clock.instant();
        return jobs.claim(worker, properties.lease(), now.minus(properties.timeout()), now);
    }

    private int attempts(VideoJob job) {
        return jdbc.sql("select attempts from video_job where id = ?")
                .param(job.id().value())
                .query(Integer.class)
                .single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
