package dev.tollgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.support.UpstreamStandIn.Answer;
import dev.tollgate.support.UpstreamStandIn.Received;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiVideoTests {

    static final ModelId SORA = new ModelId("openai/sora");
    static final VideoRequest REQUEST = new VideoRequest(SORA, "A calico cat playing piano", 8, 1280, 720, null);

    final ChannelFixture fixture = new ChannelFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    static String video(String status, int progress, String error) {
        return "{\"id\":\"video_123\",\"object\":\"video\",\"model\":\"sora-2\",\"status\":\"" + status
                + "\",\"progress\":" + progress + ",\"created_at\":1735689600,\"completed_at\":null,"
                + "\"expires_at\":null,\"prompt\":\"A calico cat playing piano\",\"seconds\":\"8\","
                + "\"size\":\"1280x720\",\"remixed_from_video_id\":null,\"error\":" + error + "}";
    }

    static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 7);
        byte[] head = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    @Test
    void submitPostsAMultipartTaskAndReturnsTheUpstreamsId() {
        fixture.upstream.on("POST", "/v1/videos", Answer.json(video("queued", 0, "null")));
        byte[] reference = TestImages.png(16, 9);

        String id = fixture.channel.submit(new VideoRequest(
                SORA, "A calico cat playing piano", 8, 1280, 720, new InputImage(reference, ImageFormat.PNG)));

        assertThat(id).isEqualTo("video_123");
        Received sent = fixture.upstream.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1/videos");
        ChannelFixture.assertOnlyChannelCredential(sent);
        List<MultipartParts.Part> parts = MultipartParts.parse(sent.header("content-type"), sent.body());
        assertThat(MultipartParts.only(parts, "model").text()).isEqualTo("sora-2");
        assertThat(MultipartParts.only(parts, "prompt").text()).isEqualTo("A calico cat playing piano");
        assertThat(MultipartParts.only(parts, "seconds").text()).isEqualTo("8");
        assertThat(MultipartParts.only(parts, "size").text()).isEqualTo("1280x720");
        MultipartParts.Part input = MultipartParts.only(parts, "input_reference");
        assertThat(input.fileName()).isEqualTo("reference.png");
        assertThat(input.contentType()).isEqualTo("image/png");
        assertThat(input.content()).isEqualTo(reference);
    }

    @Test
    void submitWithoutAReferenceSendsNoFilePart() {
        fixture.upstream.on("POST", "/v1/videos", Answer.json(video("queued", 0, "null")));

        fixture.channel.submit(REQUEST);

        Received sent = fixture.upstream.last();
        assertThat(MultipartParts.parse(sent.header("content-type"), sent.body()))
                .extracting(MultipartParts.Part::name)
                .containsExactlyInAnyOrder("model", "prompt", "seconds", "size");
    }

    @Test
    void anAnswerWithoutAnIdIsAFailure() {
        fixture.upstream.on("POST", "/v1/videos", Answer.json("{\"status\":\"queued\"}"));

        UpstreamException failure =
                catchThrowableOfType(UpstreamException.class, () -> fixture.channel.submit(REQUEST));

        assertThat(failure.getMessage()).contains("without giving its id");
    }

    @Test
    void aRefusedSubmissionIsNotRetryable() {
        fixture.upstream.on(
                "POST",
                "/v1/videos",
                Answer.json(400, "{\"error\":{\"message\":\"Invalid size\",\"type\":\"invalid_request_error\"}}"));

        UpstreamException failure =
                catchThrowableOfType(UpstreamException.class, () -> fixture.channel.submit(REQUEST));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("Invalid size");
    }

    @Test
    void pollFollowsTheTaskFromQueuedToCompleted() {
        fixture.upstream.on(
                "GET",
                "/v1/videos/video_123",
                Answer.json(video("queued", 0, "null")),
                Answer.json(video("in_progress", 42, "null")),
                Answer.json(video("completed", 100, "null")));

        List<VideoTaskStatus> statuses = List.of(
                fixture.channel.poll("video_123", REQUEST),
                fixture.channel.poll("video_123", REQUEST),
                fixture.channel.poll("video_123", REQUEST));

        assertThat(statuses)
                .containsExactly(
                        new VideoTaskStatus(VideoTaskStatus.State.RUNNING, 0, null),
                        new VideoTaskStatus(VideoTaskStatus.State.RUNNING, 42, null),
                        new VideoTaskStatus(VideoTaskStatus.State.SUCCEEDED, 100, null));
        ChannelFixture.assertOnlyChannelCredential(fixture.upstream.last());
    }

    @Test
    void aFailedTaskReportsTheUpstreamsReason() {
        fixture.upstream.on(
                "GET",
                "/v1/videos/video_123",
                Answer.json(video(
                        "failed", 10, "{\"code\":\"moderation_blocked\",\"message\":\"The prompt was blocked\"}")));

        VideoTaskStatus status = fixture.channel.poll("video_123", REQUEST);

        assertThat(status).isEqualTo(new VideoTaskStatus(VideoTaskStatus.State.FAILED, 10, "The prompt was blocked"));
    }

    @Test
    void aTaskIdIsEncodedIntoThePath() {
        fixture.upstream.on("GET", "/v1/videos/a b", Answer.json(video("queued", 0, "null")));

        fixture.channel.poll("a b", REQUEST);

        assertThat(fixture.upstream.last().path()).isEqualTo("/v1/videos/a b");
    }

    @Test
    void downloadStreamsTheVideoIntoTheTargetAndMakesAJpegPosterOfTheThumbnail() {
        byte[] movie = mp4(10 * 32 * 1024);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            chunks.add(Arrays.copyOfRange(movie, i * 32 * 1024, (i + 1) * 32 * 1024));
        }
        byte[] thumbnail = TestImages.png(32, 18);
        fixture.upstream.onEach(
                "GET",
                "/v1/videos/video_123/content",
                request -> request.query().equals("variant=thumbnail")
                        ? Answer.bytes(200, "image/png", thumbnail)
                        : new Answer(200, Map.of("content-type", "video/mp4"), chunks, Duration.ofMillis(80)));
        AtomicLong firstWrite = new AtomicLong();
        ByteArrayOutputStream target = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                firstWrite.compareAndSet(0, System.nanoTime());
                super.write(bytes, offset, length);
            }
        };

        long started = System.nanoTime();
        VideoResult result = fixture.channel.download("video_123", REQUEST, target);
        long finished = System.nanoTime();

        assertThat(target.toByteArray()).isEqualTo(movie);
        assertThat(Duration.ofNanos(firstWrite.get() - started))
                .as("the first bytes reach the target while the rest is still coming")
                .isLessThan(Duration.ofNanos(finished - started).minusMillis(300));
        assertThat(result.width()).isEqualTo(1280);
        assertThat(result.height()).isEqualTo(720);
        assertThat(ImageFormat.sniff(result.posterJpeg())).contains(ImageFormat.JPEG);
        List<Received> fetches = fixture.upstream.received("GET", "/v1/videos/video_123/content");
        assertThat(fetches).extracting(Received::query).containsExactly("", "variant=thumbnail");
        fetches.forEach(ChannelFixture::assertOnlyChannelCredential);
    }

    @Test
    void aJpegThumbnailIsTheDownloadsPosterAsIs() {
        byte[] thumbnail = TestImages.jpeg(32, 18);
        fixture.upstream.onEach(
                "GET",
                "/v1/videos/video_123/content",
                request -> request.query().equals("variant=thumbnail")
                        ? Answer.bytes(200, "image/jpeg", thumbnail)
                        : Answer.bytes(200, "video/mp4", mp4(4096)));

        VideoResult result = fixture.channel.download("video_123", REQUEST, new ByteArrayOutputStream());

        assertThat(result.posterJpeg()).isEqualTo(thumbnail);
    }

    @Test
    void aMissingThumbnailLeavesTheVideoWithoutAPoster() {
        fixture.upstream.onEach(
                "GET",
                "/v1/videos/video_123/content",
                request -> request.query().equals("variant=thumbnail")
                        ? Answer.json(404, "{\"error\":{\"message\":\"No thumbnail\"}}")
                        : Answer.bytes(200, "video/mp4", mp4(4096)));
        ByteArrayOutputStream target = new ByteArrayOutputStream();

        VideoResult result = fixture.channel.download("video_123", REQUEST, target);

        assertThat(result.posterJpeg()).isNull();
        assertThat(target.size()).isEqualTo(4096);
    }

    @Test
    void aVideoThatIsNotReadyFailsTheDownloadRetryably() {
        fixture.upstream.on(
                "GET",
                "/v1/videos/video_123/content",
                Answer.json(409, "{\"error\":{\"message\":\"Video is not ready yet\"}}"));

        UpstreamException failure = catchThrowableOfType(
                UpstreamException.class,
                () -> fixture.channel.download("video_123", REQUEST, new ByteArrayOutputStream()));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("not ready");
    }
}
