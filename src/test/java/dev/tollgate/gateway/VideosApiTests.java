package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.videos.Video;
import com.openai.models.videos.VideoCreateParams;
import com.openai.models.videos.VideoSeconds;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.TestImages;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The asynchronous video API through the official OpenAI Java SDK and plain HTTP: create, poll, download, list. */
@IntegrationTest
class VideosApiTests {

    private static final String MODEL = "enterprise/seedance-1-5-pro";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private AdminApiClient admin;
    private String team;
    private String key;
    private OpenAIClient client;

    private FundedTeam funded;

    @BeforeEach
    void fundedTeam() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        funded = FundedTeam.create(port, "Videos", "5.00");
        team = funded.id();
        key = funded.key();
        client = funded.client();
    }

    @Test
    void aJobCreatedThroughTheSdkIsQueuedAtOnceChargedAndCompletesWithAPlayableMp4() throws Exception {
        Video created = client.videos()
                .create(VideoRequests.fourSecondLandscape(MODEL, "A paper boat drifting down a rainy street")
                        .build());

        assertThat(created.id()).startsWith("task_");
        assertThat(created.status().asString()).isIn("queued", "in_progress");
        assertThat(balance()).as("the fixed price is charged on acceptance").isEqualByComparingTo("4.40");

        Video done = VideoPolls.untilFinished(client, created.id());
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(done.progress()).isEqualTo(100);
        String videoUrl = done._additionalProperties().get("video_url").asStringOrThrow();
        assertThat(videoUrl).startsWith("http://localhost:" + port + "/media/").endsWith(".mp4");

        HttpResponse content = client.videos().downloadContent(created.id());
        assertThat(content.headers().values("content-type")).contains("video/mp4");
        byte[] mp4;
        try (InputStream body = content.body()) {
            mp4 = body.readAllBytes();
        }
        assertMp4WithH264(mp4);
        byte[] fromMedia = http.send(
                        HttpRequest.newBuilder(URI.create(videoUrl)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(fromMedia).isEqualTo(mp4);
        assertThat(balance()).as("a completed job keeps its charge").isEqualByComparingTo("4.40");
        assertThat(jdbc.sql(
                                "select kind || ' ' || status || ' ' || total_cost from usage_record where team_id = ?::uuid")
                        .param(team)
                        .query(String.class)
                        .single())
                .isEqualTo("VIDEO SUCCEEDED 0.600000000");
    }

    @Test
    void aJobCreatedWithJsonIsPolledOverHttpAndListedNewestFirst() throws Exception {
        String first = createJson("{\"model\":\"" + MODEL + "\",\"prompt\":\"Waves on a pier\",\"seconds\":4}")
                .get("id")
                .asString();
        JsonNode second = createJson("{\"model\":\"" + MODEL
                + "\",\"prompt\":\"Clouds over hills\",\"seconds\":\"4\",\"size\":\"720x1280\"}");
        assertThat(second.get("object").asString()).isEqualTo("video");
        assertThat(second.get("seconds").asString()).isEqualTo("4");
        assertThat(second.get("size").asString()).isEqualTo("720x1280");
        assertThat(second.get("prompt").asString()).isEqualTo("Clouds over hills");

        JsonNode page = get("/v1/videos?limit=1");
        assertThat(page.get("data").get(0).get("id").asString())
                .isEqualTo(second.get("id").asString());
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode next = get("/v1/videos?limit=1&after=" + page.get("last_id").asString());
        assertThat(next.get("data").get(0).get("id").asString()).isEqualTo(first);
        assertThat(next.get("has_more").asBoolean()).isFalse();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonNode job = get("/v1/videos/" + first);
        while (!job.get("status").asString().equals("completed")
                && Instant.now().isBefore(deadline)) {
            assertThat(job.get("status").asString()).isIn("queued", "in_progress");
            assertThat(job.get("progress").asInt()).isBetween(0, 100);
            Thread.sleep(200);
            job = get("/v1/videos/" + first);
        }
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("completed_at").asLong()).isPositive();
        assertThat(job.get("video_url").asString()).contains("/media/");
    }

    @Test
    void aReferenceImageIsAcceptedAsAnUploadOrADataUrlAndABrokenOneIsA400() throws Exception {
        Video uploaded = client.videos()
                .create(VideoCreateParams.builder()
                        .model(MODEL)
                        .prompt("Bring this picture to life")
                        .inputReference(TestImages.png(64, 64))
                        .build());
        assertThat(uploaded.status().asString()).isIn("queued", "in_progress");

        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(TestImages.png(32, 32));
        assertThat(createJson("{\"model\":\"" + MODEL
                                + "\",\"prompt\":\"Animate\",\"input_reference\":{\"image_url\":\"" + dataUrl + "\"}}")
                        .get("status")
                        .asString())
                .isIn("queued", "in_progress");

        assertThatThrownBy(() -> client.videos()
                        .create(VideoCreateParams.builder()
                                .model(MODEL)
                                .prompt("Not a picture")
                                .inputReference("not an image".getBytes())
                                .build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.param()).contains("input_reference"));
        assertThat(balance())
                .as("two accepted jobs, the refused one costs nothing")
                .isEqualByComparingTo("3.80");
    }

    @Test
    void aFinishedJobCanBeDeletedAndIsGoneAfterwards() throws Exception {
        Video created = client.videos()
                .create(VideoCreateParams.builder()
                        .model(MODEL)
                        .prompt("A spinning top")
                        .build());
        Video done = VideoPolls.untilFinished(client, created.id());
        String videoUrl = done._additionalProperties().get("video_url").asStringOrThrow();

        assertThat(client.videos().delete(created.id()).deleted()).isTrue();

        assertThatThrownBy(() -> client.videos().retrieve(created.id())).isInstanceOf(NotFoundException.class);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(videoUrl)).build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anotherTeamsJobIsNotFound() {
        Video created = client.videos()
                .create(VideoCreateParams.builder()
                        .model(MODEL)
                        .prompt("Secret plans")
                        .build());
        String otherTeam = admin.createFundedTeam("Other videos", "1.00");
        OpenAIClient other = OpenAiClients.forKey(
                port,
                admin.createKey(otherTeam, "{\"name\":\"other\"}").get("key").asString());

        assertThatThrownBy(() -> other.videos().retrieve(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.videos().delete(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.videos().retrieve("task_AAAAAAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTeamThatCannotPayGets402AndNothingIsQueued() {
        String poorTeam = admin.createFundedTeam("Poor videos", "0.50");
        OpenAIClient poor = OpenAiClients.forKey(
                port,
                admin.createKey(poorTeam, "{\"name\":\"poor\"}").get("key").asString());

        assertThatThrownBy(() -> poor.videos()
                        .create(VideoCreateParams.builder()
                                .model(MODEL)
                                .prompt("Too dear")
                                .build()))
                .isInstanceOfSatisfying(
                        UnexpectedStatusCodeException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(402));
        assertThat(jdbc.sql("select count(*) from video_job where team_id = ?::uuid")
                        .param(poorTeam)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void badLengthsSizesAndModelsAreClear400s() throws Exception {
        assertThatThrownBy(() -> client.videos()
                        .create(VideoCreateParams.builder()
                                .model(MODEL)
                                .prompt("x")
                                .seconds(VideoSeconds.of("7"))
                                .build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("seconds"));
        assertThat(post("{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"size\":\"640x480\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("{\"model\":\"enterprise/image-2\",\"prompt\":\"x\"}").body())
                .contains("video model");
        assertThat(post("{\"model\":\"" + MODEL + "\"}").statusCode()).isEqualTo(400);
        assertThat(balance()).isEqualByComparingTo("5.00");
    }

    /** An MP4 starts with an {@code ftyp} box, and an H.264 track has an {@code avc1} sample entry. */
    static void assertMp4WithH264(byte[] mp4) {
        assertThat(new String(mp4, 4, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("ftyp");
        assertThat(indexOf(mp4, "avc1")).as("an H.264 track").isPositive();
        assertThat(indexOf(mp4, "avcC")).isPositive();
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private JsonNode createJson(String body) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private java.net.http.HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/videos"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private BigDecimal balance() {
        return funded.balance(jdbc);
    }
}
