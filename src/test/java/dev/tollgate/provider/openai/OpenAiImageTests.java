package dev.tollgate.provider.openai;

import static dev.tollgate.provider.openai.ChannelFixture.bodyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.Resolution;
import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import dev.tollgate.support.UpstreamStandIn.Received;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiImageTests {

    static final ModelId DALLE = new ModelId("openai/dalle");
    static final ModelId GPT_IMAGE = new ModelId("openai/gpt-image");
    static final Resolution SQUARE = new Resolution(1024, 1024);

    final ChannelFixture fixture = new ChannelFixture();
    final Map<Integer, ByteArrayOutputStream> written = new TreeMap<>();
    final ImageSink sink = index -> written.computeIfAbsent(index, i -> new ByteArrayOutputStream());

    @AfterEach
    void close() {
        fixture.close();
    }

    byte[] writtenBytes(int index) {
        return written.get(index).toByteArray();
    }

    @Test
    void base64ImagesAreDecodedWrittenInOrderAndDescribedByTheirRealSize() {
        byte[] first = TestImages.png(12, 8);
        byte[] second = TestImages.jpeg(16, 9);
        fixture.upstream.on(
                "POST",
                "/v1/images/generations",
                Answer.json("{\"created\":1735689600,\"data\":["
                        + "{\"b64_json\":\"" + TestImages.base64(first) + "\",\"revised_prompt\":\"A red fox, dusk\"},"
                        + "{\"b64_json\":\"" + TestImages.base64(second) + "\"}]}"));

        List<GeneratedImage> images =
                fixture.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 2), sink);

        assertThat(images)
                .containsExactly(
                        new GeneratedImage(ImageFormat.PNG, 12, 8, "A red fox, dusk"),
                        new GeneratedImage(ImageFormat.JPEG, 16, 9, null));
        assertThat(writtenBytes(0)).isEqualTo(first);
        assertThat(writtenBytes(1)).isEqualTo(second);
    }

    @Test
    void aGenerationIsAJsonPostWithModelPromptCountSizeAndBase64Answers() {
        fixture.upstream.on(
                "POST",
                "/v1/images/generations",
                Answer.json("{\"data\":[{\"b64_json\":\"" + TestImages.base64(TestImages.png(4, 4)) + "\"}]}"));

        fixture.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 1), sink);

        Received sent = fixture.upstream.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1/images/generations");
        ChannelFixture.assertOnlyChannelCredential(sent);
        assertThat(sent.header("content-type")).startsWith("application/json");
        assertThat(bodyOf(sent))
                .isEqualTo(ChannelFixture.JSON.readTree("{\"model\":\"dall-e-3\",\"prompt\":\"a fox\",\"n\":1,"
                        + "\"size\":\"1024x1024\",\"response_format\":\"b64_json\"}"));
    }

    @Test
    void gptImageModelsAreNotSentAResponseFormatTheyRefuse() {
        fixture.upstream.on(
                "POST",
                "/v1/images/generations",
                Answer.json("{\"data\":[{\"b64_json\":\"" + TestImages.base64(TestImages.png(4, 4)) + "\"}]}"));

        fixture.channel.generate(ImageRequest.generation(GPT_IMAGE, "a fox", SQUARE, 1), sink);

        JsonNode body = bodyOf(fixture.upstream.last());
        assertThat(body.path("model").asString()).isEqualTo("gpt-image-1");
        assertThat(body.has("response_format")).isFalse();
    }

    @Test
    void anImageUrlOnTheChannelsOwnHostIsFetchedWithItsKeyWithoutAskingTheGuard() {
        byte[] png = TestImages.png(10, 5);
        fixture.upstream.on("GET", "/files/img-1.png", Answer.bytes(200, "image/png", png));
        fixture.upstream.on(
                "POST",
                "/v1/images/generations",
                Answer.json("{\"data\":[{\"url\":\"" + fixture.upstream.baseUrl("/files/img-1.png") + "\"}]}"));

        List<GeneratedImage> images =
                fixture.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 1), sink);

        assertThat(images).containsExactly(new GeneratedImage(ImageFormat.PNG, 10, 5, null));
        assertThat(writtenBytes(0)).isEqualTo(png);
        assertThat(fixture.guarded).isEmpty();
        ChannelFixture.assertOnlyChannelCredential(fixture.upstream.last());
    }

    @Test
    void anImageUrlOnAnotherHostPassesTheGuardAndGoesWithoutTheKey() {
        byte[] jpeg = TestImages.jpeg(20, 10);
        try (UpstreamStandIn storage = new UpstreamStandIn()) {
            storage.on("GET", "/bucket/out.jpg", Answer.bytes(200, "image/jpeg", jpeg));
            URI url = storage.baseUrl("/bucket/out.jpg?sig=abc");
            fixture.upstream.on(
                    "POST", "/v1/images/generations", Answer.json("{\"data\":[{\"url\":\"" + url + "\"}]}"));

            List<GeneratedImage> images =
                    fixture.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 1), sink);

            assertThat(images).containsExactly(new GeneratedImage(ImageFormat.JPEG, 20, 10, null));
            assertThat(fixture.guarded).containsExactly(url);
            Received fetched = storage.last();
            assertThat(fetched.query()).isEqualTo("sig=abc");
            assertThat(fetched.header("authorization"))
                    .as("the key stays with the channel")
                    .isNull();
        }
    }

    @Test
    void aUrlTheGuardRefusesIsNotFetchedAndNothingIsWritten() {
        try (ChannelFixture guarded = new ChannelFixture(Duration.ofSeconds(5), ChannelFixture.KEY, url -> {
                    throw new IllegalArgumentException("private address");
                });
                UpstreamStandIn internal = new UpstreamStandIn()) {
            internal.on("GET", "/secret.png", Answer.bytes(200, "image/png", TestImages.png(2, 2)));
            guarded.upstream.on(
                    "POST",
                    "/v1/images/generations",
                    Answer.json("{\"data\":[{\"url\":\"" + internal.baseUrl("/secret.png") + "\"}]}"));

            UpstreamException failure = catchThrowableOfType(
                    UpstreamException.class,
                    () -> guarded.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 1), sink));

            assertThat(failure.getMessage()).contains("does not fetch");
            assertThat(internal.received()).isEmpty();
            assertThat(written).isEmpty();
        }
    }

    @Test
    void anUnreadableImageFailsTheWholeAnswerBeforeAnythingIsWritten() {
        fixture.upstream.on(
                "POST",
                "/v1/images/generations",
                Answer.json("{\"data\":[{\"b64_json\":\"" + TestImages.base64(TestImages.png(4, 4)) + "\"},"
                        + "{\"b64_json\":\"" + TestImages.base64("not an image".getBytes()) + "\"}]}"));

        UpstreamException failure = catchThrowableOfType(
                UpstreamException.class,
                () -> fixture.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 2), sink));

        assertThat(failure.getMessage()).contains("image 2");
        assertThat(written).as("the first image was not written either").isEmpty();
    }

    @Test
    void fewerImagesThanAskedIsAFailure() {
        fixture.upstream.on(
                "POST",
                "/v1/images/generations",
                Answer.json("{\"data\":[{\"b64_json\":\"" + TestImages.base64(TestImages.png(4, 4)) + "\"}]}"));

        UpstreamException failure = catchThrowableOfType(
                UpstreamException.class,
                () -> fixture.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 3), sink));

        assertThat(failure.getMessage()).contains("1 of 3");
        assertThat(written).isEmpty();
    }

    @Test
    void aRefusedPromptIsNotRetryableAndCarriesTheUpstreamsMessage() {
        fixture.upstream.on(
                "POST",
                "/v1/images/generations",
                Answer.json(
                        400,
                        "{\"error\":{\"message\":\"Your request was rejected by the safety system\","
                                + "\"type\":\"image_generation_user_error\",\"param\":null,"
                                + "\"code\":\"content_policy_violation\"}}"));

        UpstreamException failure = catchThrowableOfType(
                UpstreamException.class,
                () -> fixture.channel.generate(ImageRequest.generation(DALLE, "a fox", SQUARE, 1), sink));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("rejected by the safety system");
    }

    @Test
    void anEditIsAMultipartPostWithEveryInputAsAnImageArrayPartAndTheMask() {
        byte[] photo = TestImages.png(8, 8);
        byte[] sketch = TestImages.jpeg(8, 8);
        byte[] mask = TestImages.png(8, 8);
        byte[] result = TestImages.png(6, 6);
        fixture.upstream.on(
                "POST",
                "/v1/images/edits",
                Answer.json("{\"data\":[{\"b64_json\":\"" + TestImages.base64(result) + "\"}]}"));
        ImageRequest edit = new ImageRequest(
                DALLE,
                "Put both in a basket",
                SQUARE,
                1,
                List.of(new InputImage(photo, ImageFormat.PNG), new InputImage(sketch, ImageFormat.JPEG)),
                new InputImage(mask, ImageFormat.PNG));

        List<GeneratedImage> images = fixture.channel.generate(edit, sink);

        assertThat(images).containsExactly(new GeneratedImage(ImageFormat.PNG, 6, 6, null));
        Received sent = fixture.upstream.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1/images/edits");
        ChannelFixture.assertOnlyChannelCredential(sent);
        List<MultipartParts.Part> parts = MultipartParts.parse(sent.header("content-type"), sent.body());
        assertThat(MultipartParts.only(parts, "model").text()).isEqualTo("dall-e-3");
        assertThat(MultipartParts.only(parts, "prompt").text()).isEqualTo("Put both in a basket");
        assertThat(MultipartParts.only(parts, "n").text()).isEqualTo("1");
        assertThat(MultipartParts.only(parts, "size").text()).isEqualTo("1024x1024");
        assertThat(MultipartParts.only(parts, "response_format").text()).isEqualTo("b64_json");
        List<MultipartParts.Part> inputs =
                parts.stream().filter(part -> part.name().equals("image[]")).toList();
        assertThat(inputs).extracting(MultipartParts.Part::fileName).containsExactly("image-1.png", "image-2.jpg");
        assertThat(inputs).extracting(MultipartParts.Part::contentType).containsExactly("image/png", "image/jpeg");
        assertThat(inputs.get(0).content()).isEqualTo(photo);
        assertThat(inputs.get(1).content()).isEqualTo(sketch);
        MultipartParts.Part maskPart = MultipartParts.only(parts, "mask");
        assertThat(maskPart.fileName()).isEqualTo("mask.png");
        assertThat(maskPart.contentType()).isEqualTo("image/png");
        assertThat(maskPart.content()).isEqualTo(mask);
        assertThat(parts.stream().filter(part -> part.fileName() == null))
                .as("text fields carry no content type")
                .allMatch(part -> part.contentType() == null);
    }

    @Test
    void eachEditGetsItsOwnBoundary() {
        fixture.upstream.on(
                "POST",
                "/v1/images/edits",
                Answer.json("{\"data\":[{\"b64_json\":\"" + TestImages.base64(TestImages.png(4, 4)) + "\"}]}"));
        ImageRequest edit = new ImageRequest(
                GPT_IMAGE, "x", SQUARE, 1, List.of(new InputImage(TestImages.png(4, 4), ImageFormat.PNG)), null);

        fixture.channel.generate(edit, sink);
        fixture.channel.generate(edit, index -> new ByteArrayOutputStream());

        List<String> types = fixture.upstream.received("POST", "/v1/images/edits").stream()
                .map(request -> request.header("content-type"))
                .toList();
        assertThat(types.get(0)).isNotEqualTo(types.get(1));
        List<MultipartParts.Part> parts = MultipartParts.parse(
                types.get(0), fixture.upstream.received().getFirst().body());
        assertThat(parts).extracting(MultipartParts.Part::name).doesNotContain("response_format", "mask");
    }
}
