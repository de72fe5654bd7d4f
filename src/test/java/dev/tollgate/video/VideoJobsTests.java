package dev.tollgate.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamAgent;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaKind;
import dev.tollgate.media.MediaService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Video jobs as a team sees them, with the application's own workers and the simulator: queued, made and stored
 * once, listed page by page, deleted when finished, and invisible to other teams.
 */
@IntegrationTest
class VideoJobsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    VideoJobs videoJobs;

    @Autowired
    MediaService media;

    @Autowired
    PrepaidCharges charges;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTransactionManager jdbcTransactions;

    @Autowired
    SecurityContextHolderStrategy contexts;

    @Autowired
    ConfigurableApplicationContext context;

    @LocalServerPort
    int port;

    PaidJobs paid;

    @BeforeEach
    void setUp() {
        paid = new PaidJobs(charges, videoJobs, actors, jdbc, jdbcTransactions);
    }

    @Test
    void aJobTheSimulatorStartedBeforeItBecameAChannelIsFollowedToTheEndOnItsChannel() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video resumed", "5.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        // recorded as the simulator's tasks always were: the name "simulator" and its own task id
        String task = "sim-" + (System.currentTimeMillis() - 1000);

        VideoJob queued = paid.queueStarted(team, member, "A heron in the reeds", "64x64", 1, "simulator", task);
        VideoJob done =
                paid.await(team, member, queued.id(), job -> job.status().isFinished(), PATIENCE);

        assertThat(done.status()).as("error: %s", done.error()).isEqualTo(VideoStatus.COMPLETED);
        assertThat(jdbc.sql("select channel || ' ' || upstream_task_id from video_job where id = ?")
                        .param(queued.id().value())
                        .query(String.class)
                        .single())
                .as("followed, not submitted again")
                .isEqualTo("simulator " + task);
        assertThat(paid.usage(done)).containsExactly("SUCCEEDED 0.600000000");
    }

    @Test
    void aQueuedJobIsMadeByAWorkerStoredAsAnMp4AndRecordedOnce() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video made", "5.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        List<VideoJobChanged> changes = new CopyOnWriteArrayList<>();
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof VideoJobChanged changed) {
                changes.add(changed);
            }
        };
        context.addApplicationListener(listener);
        VideoJob queued;
        VideoJob done;
        long started = System.nanoTime();
        try {
            queued = paid.queue(team, member, "A red fox running through fresh snow at dawn", "720x1280", 4);
            done = paid.await(team, member, queued.id(), job -> job.status().isFinished(), PATIENCE);
            // the worker publishes the change after its commit, so the row can be read finished a moment before
            awaitChange(changes, queued.id(), done.status());
        } finally {
            context.removeApplicationListener(listener);
        }
        System.out.printf(
                "A 4 s 720x1280 simulated video was queued, made and stored in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        assertThat(queued.status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(done.status()).as("error: %s", done.error()).isEqualTo(VideoStatus.COMPLETED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.completedAt()).isNotNull();
        assertThat(done.refunded()).isFalse();
        MediaItem video =
                actors.as(member, () -> media.find(team.id(), done.video()).orElseThrow());
        assertThat(video.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(video.mediaType()).isEqualTo("video/mp4");
        assertThat(video.width()).isEqualTo(720);
        assertThat(video.height()).isEqualTo(1280);
        assertThat(video.cost()).isEqualTo(PaidJobs.PRICE);
        assertThat(video.caller()).isEqualTo(done.caller());
        byte[] start = actors.as(member, () -> {
            try (InputStream in = media.open(video)) {
                return in.readNBytes(8);
            }
        });
        assertThat(new String(start, 4, 4, StandardCharsets.US_ASCII))
                .as("an MP4 starts with its ftyp box")
                .isEqualTo("ftyp");
        assertThat(video.hasThumbnail()).as("the poster frame is the thumbnail").isTrue();
        HttpResponse<byte[]> poster = get(video.thumbnailPath());
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(paid.usage(done)).containsExactly("SUCCEEDED 0.600000000");
        assertThat(paid.ledger(done)).containsExactly("CHARGE -0.600000000");
        assertThat(paid.balance(team)).isEqualByComparingTo("4.40");
        assertThat(changes.stream()
                        .filter(change -> change.id().equals(queued.id()))
                        .map(VideoJobChanged::status)
                        .distinct())
                .as("changes published")
                .containsExactly(VideoStatus.QUEUED, VideoStatus.IN_PROGRESS, VideoStatus.COMPLETED);
    }

    private static void awaitChange(List<VideoJobChanged> changes, VideoJobId id, VideoStatus status)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (changes.stream().noneMatch(change -> change.id().equals(id) && change.status() == status)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void pagesRunInCreationOrderEitherWayAndCountsGoByStatus() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video pages", "5.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        List<VideoJob> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(paid.queue(team, member, "Page job " + i, "64x64", 1));
            Thread.sleep(2);
        }
        for (VideoJob job : queued) {
            paid.await(team, member, job.id(), found -> found.status().isFinished(), PATIENCE);
        }

        actors.as(member, () -> {
            List<VideoJob> newest = videoJobs.page(team.id(), null, null, 2, true);
            List<VideoJob> older =
                    videoJobs.page(team.id(), null, newest.getLast().id(), 2, true);
            List<VideoJob> oldest =
                    videoJobs.page(team.id(), null, older.getLast().id(), 2, true);
            assertThat(prompts(newest)).containsExactly("Page job 4", "Page job 3");
            assertThat(prompts(older)).containsExactly("Page job 2", "Page job 1");
            assertThat(prompts(oldest)).containsExactly("Page job 0");
            assertThat(prompts(videoJobs.page(team.id(), null, queued.get(1).id(), 10, false)))
                    .containsExactly("Page job 2", "Page job 3", "Page job 4");
            assertThat(videoJobs.page(team.id(), VideoStatus.COMPLETED, null, 10, true))
                    .hasSize(5);
            assertThat(videoJobs.count(team.id(), null)).isEqualTo(5);
            assertThat(videoJobs.count(team.id(), VideoStatus.COMPLETED)).isEqualTo(5);
            assertThat(videoJobs.count(team.id(), VideoStatus.QUEUED)).isZero();
        });
    }

    @Test
    void anotherTeamsMemberCannotFindListOrDeleteAJob() throws Exception {
        TeamSummary owner = testTeams.createWithBalance("Video owner", "5.00");
        TeamSummary other = testTeams.createWithBalance("Video other", "5.00");
        UserDetails maker = testTeams.addPerson(owner, TeamRole.MEMBER);
        UserDetails outsider = testTeams.addPerson(other, TeamRole.OWNER);
        VideoJob job = paid.queue(owner, maker, "A private lighthouse", "64x64", 1);
        paid.await(owner, maker, job.id(), found -> found.status().isFinished(), PATIENCE);

        actors.as(outsider, () -> {
            assertThatThrownBy(() -> videoJobs.find(owner.id(), job.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> videoJobs.page(owner.id(), null, null, 10, true))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> videoJobs.count(owner.id(), null)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> videoJobs.delete(owner.id(), job.id())).isInstanceOf(AccessDeniedException.class);
            assertThat(videoJobs.find(other.id(), job.id()))
                    .as("asking under one's own team finds nothing either")
                    .isEmpty();
            assertThat(videoJobs.page(other.id(), null, null, 10, true)).isEmpty();
            assertThat(videoJobs.page(other.id(), null, job.id(), 10, true))
                    .as("another team's job is no place to page from")
                    .isEmpty();
            assertThatThrownBy(() -> videoJobs.delete(other.id(), job.id()))
                    .isInstanceOf(VideoJobNotFoundException.class);
        });
        assertThat(paid.find(owner, maker, job.id()).status()).isEqualTo(VideoStatus.COMPLETED);
    }

    @Test
    void aFinishedJobIsDeletedByItsMakerATeamAdminOrTheTeamsKeysAndItsVideoGoesWithIt() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Video delete", "5.00");
        UserDetails maker = testTeams.addPerson(team, TeamRole.MEMBER);
        UserDetails colleague = testTeams.addPerson(team, TeamRole.MEMBER);
        UserDetails admin = testTeams.addPerson(team, TeamRole.ADMIN);
        List<VideoJob> done = new ArrayList<>();
        for (String prompt : List.of("First to go", "Second to go", "Third to go")) {
            VideoJob job = paid.queue(team, maker, prompt, "64x64", 1);
            done.add(paid.await(team, maker, job.id(), found -> found.status().isFinished(), PATIENCE));
        }
        VideoJob first = done.get(0);

        actors.as(
                colleague,
                () -> assertThatThrownBy(() -> videoJobs.delete(team.id(), first.id()))
                        .isInstanceOf(AccessDeniedException.class));
        actors.as(maker, () -> videoJobs.delete(team.id(), first.id()));
        actors.as(admin, () -> videoJobs.delete(team.id(), done.get(1).id()));
        asTeamKey(team, () -> videoJobs.delete(team.id(), done.get(2).id()));

        for (VideoJob job : done) {
            assertThat(get("/media/" + job.video() + ".mp4").statusCode())
                    .as("the video of " + job.prompt() + " is no longer served")
                    .isEqualTo(404);
        }
        actors.as(maker, () -> {
            assertThat(videoJobs.find(team.id(), first.id())).isEmpty();
            assertThat(videoJobs.count(team.id(), null)).isZero();
            assertThat(media.find(team.id(), first.video())).isEmpty();
            assertThatThrownBy(() -> videoJobs.delete(team.id(), first.id()))
                    .isInstanceOf(VideoJobNotFoundException.class);
        });
        assertThat(paid.usage(first)).as("history keeps what was made").containsExactly("SUCCEEDED 0.600000000");
    }

    private void asTeamKey(TeamSummary team, Runnable work) {
        SecurityContext previous = contexts.getContext();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new TeamAgent(team.id(), "a key of the team").authentication());
        contexts.setContext(context);
        try {
            work.run();
        } finally {
            contexts.setContext(previous);
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static List<String> prompts(List<VideoJob> jobs) {
        return jobs.stream().map(VideoJob::prompt).toList();
    }
}
