package dev.tollgate.provider.seedance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.provider.VideoTaskStatus.State;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Seedance channel against a stand-in speaking ModelArk's video task API as documented. */
class SeedanceChannelTests {

    private static final String KEY = "ark-channel-key";
    private static final ModelId MODEL = new ModelId("enterprise/seedance-1-5-pro");
    private static final String TASKS = "/api/v3/contents/generations/tasks";
    private static final String TASK = "cgt-20250629201507-n6k56";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final VideoRequest FOX = new VideoRequest(MODEL, "A fox runs through snow", 8, 1280, 720, null);

    private final UpstreamStandIn upstream = new UpstreamStandIn();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ChannelConfig config = new ChannelConfig(
            "ark-main",
            ChannelKind.SEEDANCE,
            upstream.baseUrl("/api/v3"),
            new ChannelSecret(KEY),
            null,
            Map.of(MODEL.value(), "seedance-1-5-pro-251215"),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));
    private final List<URI> guarded = new ArrayList<>();
    private final SeedanceChannel channel =
            new SeedanceChannel(config, new UpstreamHttp(config), json, guarded::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void submitSendsModelPromptAndShapeWithOnlyTheChannelKey() {
        upstream.on("POST", TASKS, Answer.json("{\"id\":\"" + TASK + "\"}"));

        String id = channel.submit(FOX);

        assertThat(id).isEqualTo(TASK);
        UpstreamStandIn.Received sent = upstream.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST " + TASKS);
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.headers())
                .as("only the channel's key goes upstream")
                .doesNotContainKeys("x-api-key", "x-goog-api-key")
                .allSatisfy((name, value) -> assertThat(name).doesNotStartWith("vai-"));
        assertThat(json.readTree(sent.body())).isEqualTo(json.readTree("""
                        {"model":"seedance-1-5-pro-251215",
                         "content":[{"type":"text","text":"A fox runs through snow"}],
                         "ratio":"16:9","resolution":"720p","duration":8}
                        """));
    }

    @Test
    void aReferenceImageGoesAsTheFirstFrameInADataUrl() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};
        upstream.on("POST", TASKS, Answer.json("{\"id\":\"" + TASK + "\"}"));

        channel.submit(new VideoRequest(MODEL, "The fox wakes", 5, 720, 1280, new InputImage(png, ImageFormat.PNG)));

        JsonNode body = json.readTree(upstream.last().body());
        assertThat(body.path("content")).hasSize(2);
        JsonNode image = body.path("content").path(1);
        assertThat(image.path("type").stringValue()).isEqualTo("image_url");
        assertThat(image.path("role").stringValue()).isEqualTo("first_frame");
        assertThat(image.path("image_url").path("url").stringValue())
                .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
        assertThat(body.path("ratio").stringValue()).isEqualTo("9:16");
        assertThat(body.path("duration").asInt()).isEqualTo(5);
    }

    @Test
    void pollAsksForTheTaskWithTheChannelKey() {
        upstream.on("GET", TASKS + "/" + TASK, Answer.json(task("queued", "")));

        assertThat(channel.poll(TASK, FOX)).isEqualTo(new VideoTaskStatus(State.RUNNING, 0, null));
        assertThat(upstream.last().method()).isEqualTo("GET");
        assertThat(upstream.last().header("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void aRunningTaskReportsProgressGrowingWithItsAgeButShortOfTheEnd() {
        long oneMinuteAgo = NOW.getEpochSecond() - 60;
        long anHourAgo = NOW.getEpochSecond() - 3600;
        upstream.on(
                "GET",
                TASKS + "/" + TASK,
                Answer.json(task("running", ",\"created_at\":" + NOW.getEpochSecond())),
                Answer.json(task("running", ",\"created_at\":" + oneMinuteAgo)),
                Answer.json(task("running", ",\"created_at\":" + anHourAgo)));

        VideoTaskStatus justStarted = channel.poll(TASK, FOX);
        VideoTaskStatus aMinuteIn = channel.poll(TASK, FOX);
        VideoTaskStatus anHourIn = channel.poll(TASK, FOX);

        assertThat(List.of(justStarted.state(), aMinuteIn.state(), anHourIn.state()))
                .containsOnly(State.RUNNING);
        assertThat(justStarted.progress()).isZero();
        assertThat(aMinuteIn.progress()).isBetween(50, 60);
        assertThat(anHourIn.progress()).isEqualTo(TaskStatus.RUNNING_CEILING);
    }

    @Test
    void finishedTasksSucceedOrFailWithTheUpstreamsReason() {
        upstream.on(
                "GET",
                TASKS + "/" + TASK,
                Answer.json(task("succeeded", ",\"content\":{\"video_url\":\"https://example.com/v.mp4\"}")),
                Answer.json(task(
                        "failed",
                        ",\"error\":{\"code\":\"OutputVideoSensitiveContentDetected\","
                                + "\"message\":\"The generated video may contain sensitive content.\"}")),
                Answer.json(task("expired", "")),
                Answer.json(task("cancelled", "")));

        assertThat(channel.poll(TASK, FOX)).isEqualTo(new VideoTaskStatus(State.SUCCEEDED, 100, null));
        VideoTaskStatus failed = channel.poll(TASK, FOX);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.error())
                .contains("The generated video may contain sensitive content.")
                .contains("OutputVideoSensitiveContentDetected");
        VideoTaskStatus expired = channel.poll(TASK, FOX);
        assertThat(expired.state()).isEqualTo(State.FAILED);
        assertThat(expired.error()).contains("timed out");
        assertThat(channel.poll(TASK, FOX).state()).isEqualTo(State.FAILED);
    }

    @Test
    void downloadStreamsTheClipFromTheChannelsOwnHostWithoutTheGuardOrTheKey() {
        byte[] mp4 = mp4();
        upstream.on(
                "GET",
                TASKS + "/" + TASK,
                Answer.json(task(
                        "succeeded", ",\"content\":{\"video_url\":\"" + upstream.baseUrl("/files/fox.mp4") + "\"}")));
        upstream.on("GET", "/files/fox.mp4", Answer.bytes(200, "video/mp4", mp4));
        ByteArrayOutputStream target = new ByteArrayOutputStream();

        VideoResult result = channel.download(TASK, FOX, target);

        assertThat(target.toByteArray()).isEqualTo(mp4);
        assertThat(result).isEqualTo(new VideoResult(1280, 720, null));
        assertThat(guarded).as("the channel's own host needs no vetting").isEmpty();
        UpstreamStandIn.Received fetched =
                upstream.received("GET", "/files/fox.mp4").getFirst();
        assertThat(fetched.header("authorization"))
                .as("a signed address needs no key")
                .isNull();
    }

    @Test
    void anAddressOnAnotherHostIsVettedBeforeItIsFetched() {
        byte[] mp4 = mp4();
        URI elsewhere = URI.create("http://localhost:" + upstream.port() + "/files/fox.mp4?X-Tos-Signature=abc");
        upstream.on(
                "GET",
                TASKS + "/" + TASK,
                Answer.json(task("succeeded", ",\"content\":{\"video_url\":\"" + elsewhere + "\"}")));
        upstream.on("GET", "/files/fox.mp4", Answer.bytes(200, "video/mp4", mp4));
        ByteArrayOutputStream target = new ByteArrayOutputStream();

        channel.download(TASK, FOX, target);

        assertThat(guarded).containsExactly(elsewhere);
        assertThat(target.toByteArray()).isEqualTo(mp4);
        assertThat(upstream.received("GET", "/files/fox.mp4").getFirst().query())
                .isEqualTo("X-Tos-Signature=abc");
    }

    @Test
    void anAddressTheGuardRefusesIsNeverFetched() {
        URI internal = URI.create("http://localhost:" + upstream.port() + "/files/secret");
        upstream.on(
                "GET",
                TASKS + "/" + TASK,
                Answer.json(task("succeeded", ",\"content\":{\"video_url\":\"" + internal + "\"}")));
        SeedanceChannel guardedChannel = new SeedanceChannel(config, new UpstreamHttp(config), json, url -> {
            throw new IllegalArgumentException("loopback addresses are not fetched");
        });

        assertThatThrownBy(() -> guardedChannel.download(TASK, FOX, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("loopback addresses are not fetched");
        assertThat(upstream.received("GET", "/files/secret")).isEmpty();
    }

    @Test
    void aTaskThatHasNotSucceededHasNothingToDownload() {
        upstream.on("GET", TASKS + "/" + TASK, Answer.json(task("running", "")));

        assertThatThrownBy(() -> channel.download(TASK, FOX, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("running");
    }

    @Test
    void aTaskIdOfAnotherFormIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> channel.poll("../../models", FOX)).isInstanceOf(UpstreamException.class);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void rateLimitIsRetryableAfterTheWaitTheUpstreamAsksFor() {
        upstream.on(
                "POST",
                TASKS,
                Answer.json(
                                429,
                                arkError(
                                        "RateLimitExceeded.EndpointRPMExceeded",
                                        "Request rate limit exceeded",
                                        "TooManyRequests"))
                        .withHeader("retry-after", "12"));

        assertThatThrownBy(() -> channel.submit(FOX)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        });
    }

    @Test
    void serverErrorsAreRetryable() {
        upstream.on(
                "GET",
                TASKS + "/" + TASK,
                Answer.json(500, arkError("InternalServiceError", "Internal error", "InternalServerError")));

        assertThatThrownBy(() -> channel.poll(TASK, FOX)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.status()).isEqualTo(500);
        });
    }

    @Test
    void anInvalidParameterIsNotRetryableAndCarriesTheUpstreamsMessage() {
        upstream.on(
                "POST",
                TASKS,
                Answer.json(
                        400,
                        arkError(
                                "InvalidParameter",
                                "The parameter `duration` specified in the request is not valid",
                                "BadRequest")));

        assertThatThrownBy(() -> channel.submit(FOX))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessageContaining("The parameter `duration` specified in the request is not valid");
    }

    private static String task(String status, String more) {
        return """
                {"id":"%s","model":"seedance-1-5-pro-251215","status":"%s"%s}
                """.formatted(TASK, status, more);
    }

    private static String arkError(String code, String message, String type) {
        return """
                {"error":{"code":"%s","message":"%s","param":"","type":"%s"}}
                """.formatted(code, message, type);
    }

    private static byte[] mp4() {
        byte[] clip = new byte[200_000];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (byte) (i * 31);
        }
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'}, 0, clip, 0, 8);
        return clip;
    }
}
