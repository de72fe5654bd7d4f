package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.videos.Video;
import com.openai.models.videos.VideoCreateParams;
import com.openai.models.videos.VideoSeconds;
import com.openai.models.videos.VideoSize;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.PackagedApp;
import dev.tollgate.support.VideoPolls;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The packaged application killed with SIGKILL while chat streams and video jobs are in flight, then started again on
 * the same data directory, as an operator's restart (or a container's restart policy) would: it comes up by itself,
 * and the money adds up.
 */
class CrashRestartIT {

    /** How long a restart may take, or half as long again as the first start if the machine is too busy for that. */
    private static final Duration RESTART_LIMIT = Duration.ofSeconds(30);

    private static final String MODEL = "aws/claude-haiku-4-5";
    private static final int STREAMS = 6;
    private static final int VIDEOS = 2;

    /** A paced simulator, so streams are still running when the process dies, and videos take a while. */
    private static final Map<String, String> SETTINGS = Map.of(
            "TOLLGATE_SIMULATOR_FIRST_TOKEN_DELAY", "50ms",
            "TOLLGATE_SIMULATOR_TOKENS_PER_SECOND", "20",
            "TOLLGATE_SIMULATOR_VIDEO_DELAY", "8s");

    @Test
    void killedMidWorkItStartsAgainByItselfWithEveryHoldWoundUpAndNoReportedChargeLost(@TempDir Path work)
            throws Exception {
        Path dataDir = Files.createDirectory(work.resolve("data"));
        int port = PackagedApp.freePort();
        FundedTeam team;
        List<String> reportedCharges = new ArrayList<>();
        List<String> videos = new ArrayList<>();
        Duration firstStart;
        ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();
        try (PackagedApp first = PackagedApp.start(dataDir, port, SETTINGS)) {
            firstStart = first.awaitReady(Duration.ofSeconds(180));
            team = FundedTeam.create(port, "Crash", "100.00");
            // given: calls whose charge the client was told of
            for (int i = 0; i < 3; i++) {
                HttpResponseFor<ChatCompletion> reply =
                        team.client().chat().completions().withRawResponse().create(call(3));
                assertThat(reply.parse().usage()).isPresent();
                reportedCharges.add(reply.headers().values("x-request-id").getFirst());
            }
            // and streams half-way through their replies and video jobs being made
            CountDownLatch streaming = new CountDownLatch(STREAMS);
            for (int i = 0; i < STREAMS; i++) {
                streams.submit(() -> readUntilCutOff(team, streaming));
            }
            assertThat(streaming.await(60, TimeUnit.SECONDS))
                    .as("every stream has begun")
                    .isTrue();
            for (int i = 0; i < VIDEOS; i++) {
                videos.add(team.client()
                        .videos()
                        .create(VideoCreateParams.builder()
                                .model("enterprise/seedance-1-5-pro")
                                .prompt("A lighthouse keeper's last night, take " + i)
                                .seconds(VideoSeconds._4)
                                .size(VideoSize._720X1280)
                                .build())
                        .id());
            }
            awaitInProgress(team, videos);

            // when the process is killed outright
            first.kill();
        }
        streams.shutdown();
        assertThat(streams.awaitTermination(30, TimeUnit.SECONDS))
                .as("the streams were cut off")
                .isTrue();

        try (PackagedApp second = PackagedApp.start(dataDir, port, SETTINGS)) {
            // then it comes up by itself on the same data directory
            Duration restart = second.awaitReady(Duration.ofSeconds(180));
            JdbcClient db = JdbcClient.create(second.database());

            assertThat(openHoldsOnceSettled(db))
                    .as("the holds of the streams that died with the process are released on start")
                    .isZero();
            assertThat(db.sql("select count(*) filter (where lease) > 0 and count(*) filter (where not lease) = 0"
                                    + " from credit_hold")
                            .query(Boolean.class)
                            .single())
                    .as("the calls reserved from credit leases, the one the streams were on released on start")
                    .isTrue();
            assertThat(db.sql("select coalesce(sum(held), 0) from credit_account")
                            .query(BigDecimal.class)
                            .single())
                    .isEqualByComparingTo("0");
            for (String requestId : reportedCharges) {
                assertThat(db.sql("""
                                select -l.amount = u.total_cost and u.total_cost > 0
                                from ledger_entry l join usage_record u on u.request_id = l.reference
                                where l.reference = ? and l.kind = 'CHARGE'""").param(requestId).query(Boolean.class).list())
                        .as("the charge of %s, reported to its client before the crash, is in the ledger", requestId)
                        .containsExactly(true);
            }

            // a new client: the old one's pooled connections died with the first process
            OpenAIClient client = OpenAiClients.forKey(port, team.key());
            for (String id : videos) {
                Video finished = VideoPolls.untilFinished(client, id);
                assertThat(finished.status().asString())
                        .as("video %s, in progress at the crash, is finished after the restart", id)
                        .isIn("completed", "failed");
            }
            assertThat(db.sql("select count(*) from video_job where status = 'FAILED' and not refunded")
                            .query(Long.class)
                            .single())
                    .as("a failed job is refunded")
                    .isZero();

            BigDecimal balance = team.balance(db);
            assertThat(balance)
                    .as("the balance is the sum of the ledger")
                    .isEqualByComparingTo(db.sql("select sum(amount) from ledger_entry where team_id = ?::uuid")
                            .param(team.id())
                            .query(BigDecimal.class)
                            .single());
            assertThat(new BigDecimal("100.00").subtract(balance))
                    .as("what the team paid is what its usage rows cost, no more and no less")
                    .isEqualByComparingTo(
                            db.sql("select coalesce(sum(total_cost), 0) from usage_record where team_id = ?::uuid")
                                    .param(team.id())
                                    .query(BigDecimal.class)
                                    .single());

            // the first start also made the database and ran every migration; on a busy machine both take longer
            Duration limit = firstStart.multipliedBy(3).dividedBy(2);
            if (limit.compareTo(RESTART_LIMIT) < 0) {
                limit = RESTART_LIMIT;
            }
            assertThat(restart)
                    .as("the restart took %s, the first start %s", restart, firstStart)
                    .isLessThanOrEqualTo(limit);
        }
    }

    /** Open holds, given a moment: they are released as the application starts, which may end just after it answers. */
    private static long openHoldsOnceSettled(JdbcClient db) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        long open;
        while ((open = db.sql("select count(*) from credit_hold where status = 'HELD'")
                                .query(Long.class)
                                .single())
                        > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return open;
    }

    private static ChatCompletionCreateParams call(int maxTokens) {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Tell me about tides")
                .maxCompletionTokens(maxTokens)
                .build();
    }

    /** Reads a long stream until the server goes away; the SDK then reports the broken connection. */
    private static void readUntilCutOff(FundedTeam team, CountDownLatch streaming) {
        try (StreamResponse<ChatCompletionChunk> stream =
                team.client().chat().completions().createStreaming(call(400))) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            if (chunks.hasNext()) {
                chunks.next();
                streaming.countDown();
            }
            chunks.forEachRemaining(chunk -> {});
        } catch (RuntimeException cutOff) {
            // expected: the process died mid-reply
        }
    }

    private static void awaitInProgress(FundedTeam team, List<String> videos) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        for (String id : videos) {
            while (!team.client().videos().retrieve(id).status().asString().equals("in_progress")) {
                assertThat(Instant.now()).as("video %s is taken up", id).isBefore(deadline);
                Thread.sleep(100);
            }
        }
    }
}
