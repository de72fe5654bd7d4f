package dev.tollgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.Resolution;
import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Gemini image channel against a stand-in speaking Google's generateContent as documented. */
class GeminiImageChannelTests {

    private static final String KEY = "AIza-channel-key";
    private static final ModelId MODEL = new ModelId("google/gemini-2-5-flash-image");
    private static final String PATH = "/v1beta/models/gemini-2.5-flash-image:generateContent";

    private final UpstreamStandIn upstream = new UpstreamStandIn();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ChannelConfig config = new ChannelConfig(
            "gemini-main",
            ChannelKind.GEMINI_IMAGE,
            upstream.baseUrl("/v1beta"),
            new ChannelSecret(KEY),
            null,
            Map.of(MODEL.value(), "gemini-2.5-flash-image"),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));
    private final GeminiImageChannel channel = new GeminiImageChannel(config, new UpstreamHttp(config), json);
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void generationSendsThePromptAndImageConfigWithOnlyTheChannelKey() {
        byte[] png = png(1344, 768);
        upstream.on("POST", PATH, Answer.json(imageAnswer(png, "image/png")));

        List<GeneratedImage> images = channel.generate(
                ImageRequest.generation(MODEL, "A lighthouse at dusk", new Resolution(1344, 768), 1), sink);

        assertThat(images).containsExactly(new GeneratedImage(ImageFormat.PNG, 1344, 768, null));
        assertThat(sink.written()).containsExactly(png);
        UpstreamStandIn.Received sent = upstream.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST " + PATH);
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.headers())
                .as("only the channel's key goes upstream")
                .doesNotContainKeys("authorization", "x-api-key")
                .allSatisfy((name, value) -> assertThat(name).doesNotStartWith("vai-"));
        assertThat(json.readTree(sent.body())).isEqualTo(json.readTree("""
                        {"contents":[{"role":"user","parts":[{"text":"A lighthouse at dusk"}]}],
                         "generationConfig":{"responseModalities":["IMAGE"],"imageConfig":{"aspectRatio":"16:9"}}}
                        """));
    }

    @Test
    void severalImagesMakeOneCallEachAndReachTheSinkInOrder() {
        byte[] first = png(64, 64);
        byte[] second = jpeg(80, 80);
        byte[] third = png(96, 96);
        upstream.on(
                "POST",
                PATH,
                Answer.json(imageAnswer(first, "image/png")),
                Answer.json(imageAnswer(second, "image/jpeg")),
                Answer.json(imageAnswer(third, "image/png")));

        List<GeneratedImage> images =
                channel.generate(ImageRequest.generation(MODEL, "Three cats", new Resolution(1024, 1024), 3), sink);

        assertThat(upstream.received("POST", PATH)).hasSize(3);
        assertThat(sink.written()).containsExactly(first, second, third);
        assertThat(images)
                .containsExactly(
                        new GeneratedImage(ImageFormat.PNG, 64, 64, null),
                        new GeneratedImage(ImageFormat.JPEG, 80, 80, null),
                        new GeneratedImage(ImageFormat.PNG, 96, 96, null));
    }

    @Test
    void editsSendTheirImagesInlineAndTheMaskAfterItsInstruction() {
        byte[] photo = png(32, 32);
        byte[] sketch = jpeg(40, 30);
        byte[] mask = png(32, 32);
        upstream.on("POST", PATH, Answer.json(imageAnswer(png(32, 32), "image/png")));
        ImageRequest edit = new ImageRequest(
                MODEL,
                "Put a hat on the dog",
                new Resolution(1024, 1024),
                1,
                List.of(new InputImage(photo, ImageFormat.PNG), new InputImage(sketch, ImageFormat.JPEG)),
                new InputImage(mask, ImageFormat.PNG));

        channel.generate(edit, sink);

        JsonNode parts =
                json.readTree(upstream.last().body()).path("contents").path(0).path("parts");
        assertThat(parts).hasSize(5);
        assertThat(parts.path(0).path("text").stringValue()).isEqualTo("Put a hat on the dog");
        assertInline(parts.path(1), "image/png", photo);
        assertInline(parts.path(2), "image/jpeg", sketch);
        assertThat(parts.path(3).path("text").stringValue())
                .isEqualTo(GenerateContentBody.MASK_INSTRUCTION)
                .contains("transparent");
        assertInline(parts.path(4), "image/png", mask);
    }

    @Test
    void draftImagesMarkedAsThoughtsAndTextArePassedOver() {
        byte[] draft = png(16, 16);
        byte[] result = png(48, 48);
        upstream.on("POST", PATH, Answer.json("""
                        {"candidates":[{"content":{"role":"model","parts":[
                          {"text":"Let me sketch it first.","thought":true},
                          {"inlineData":{"mimeType":"image/png","data":"%s"},"thought":true},
                          {"text":"Here is your lighthouse."},
                          {"inlineData":{"mimeType":"image/png","data":"%s"}}]},
                         "finishReason":"STOP"}]}
                        """.formatted(base64(draft), base64(result))));

        List<GeneratedImage> images =
                channel.generate(ImageRequest.generation(MODEL, "A lighthouse", new Resolution(1024, 1024), 1), sink);

        assertThat(sink.written()).containsExactly(result);
        assertThat(images.getFirst().width()).isEqualTo(48);
        assertThat(images.getFirst().revisedPrompt()).isNull();
    }

    @Test
    void aBlockedPromptIsNotRetryableAndSaysWhy() {
        upstream.on("POST", PATH, Answer.json("""
                        {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","safetyRatings":[]},
                         "usageMetadata":{"promptTokenCount":12,"totalTokenCount":12}}
                        """));

        assertThatThrownBy(() -> channel.generate(generation(1), sink))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("refused the prompt")
                .hasMessageContaining("PROHIBITED_CONTENT");
        assertThat(sink.opened).isEmpty();
    }

    @Test
    void anImageWithheldForSafetyIsNotRetryable() {
        upstream.on("POST", PATH, Answer.json("""
                        {"candidates":[{"content":{"role":"model","parts":[]},"finishReason":"IMAGE_SAFETY",
                          "finishMessage":"Unable to show the generated image."}]}
                        """));

        assertThatThrownBy(() -> channel.generate(generation(1), sink))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("IMAGE_SAFETY")
                .hasMessageContaining("Unable to show the generated image.");
    }

    @Test
    void anAnswerWithOnlyTextIsRetryableAndQuotesIt() {
        upstream.on("POST", PATH, Answer.json("""
                        {"candidates":[{"content":{"role":"model","parts":[{"text":"I can describe it instead."}]},
                          "finishReason":"STOP"}]}
                        """));

        assertThatThrownBy(() -> channel.generate(generation(1), sink))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("without an image")
                .hasMessageContaining("I can describe it instead.");
    }

    @Test
    void aFailureOnALaterImageLeavesTheSinkUntouched() {
        upstream.on(
                "POST",
                PATH,
                Answer.json(imageAnswer(png(8, 8), "image/png")),
                Answer.json(500, googleError(500, "Internal error encountered.", "INTERNAL")));

        assertThatThrownBy(() -> channel.generate(generation(2), sink))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(500);
                });
        assertThat(upstream.received("POST", PATH)).hasSize(2);
        assertThat(sink.opened).as("no image of a failed batch is written").isEmpty();
    }

    @Test
    void rateLimitIsRetryableAfterTheWaitGoogleAsksFor() {
        upstream.on(
                "POST",
                PATH,
                Answer.json(
                                429,
                                googleError(
                                        429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"))
                        .withHeader("retry-after", "7"));

        assertThatThrownBy(() -> channel.generate(generation(1), sink))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                })
                .hasMessageContaining("Resource has been exhausted");
    }

    @Test
    void serverErrorsAreRetryable() {
        upstream.on("POST", PATH, Answer.json(503, googleError(503, "The model is overloaded.", "UNAVAILABLE")));

        assertThatThrownBy(() -> channel.generate(generation(1), sink))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                });
    }

    @Test
    void anInvalidArgumentIsNotRetryableAndCarriesGooglesMessage() {
        upstream.on(
                "POST",
                PATH,
                Answer.json(400, googleError(400, "Unsupported MIME type: image/gif", "INVALID_ARGUMENT")));

        assertThatThrownBy(() -> channel.generate(generation(1), sink))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessageContaining("Unsupported MIME type: image/gif");
    }

    @Test
    void aModelTheChannelDoesNotServeIsRefusedBeforeAnyCall() {
        ImageRequest other = ImageRequest.generation(new ModelId("google/other"), "x", new Resolution(64, 64), 1);

        assertThatThrownBy(() -> channel.generate(other, sink))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(upstream.received()).isEmpty();
    }

    private static ImageRequest generation(int count) {
        return ImageRequest.generation(MODEL, "A lighthouse", new Resolution(1024, 1024), count);
    }

    private void assertInline(JsonNode part, String mimeType, byte[] bytes) {
        assertThat(part.path("inlineData").path("mimeType").stringValue()).isEqualTo(mimeType);
        assertThat(Base64.getDecoder()
                        .decode(part.path("inlineData").path("data").stringValue()))
                .isEqualTo(bytes);
    }

    private static String imageAnswer(byte[] image, String mimeType) {
        return """
                {"candidates":[{"content":{"role":"model","parts":[
                  {"inlineData":{"mimeType":"%s","data":"%s"}}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":1290,"totalTokenCount":1297},
                 "modelVersion":"gemini-2.5-flash-image"}
                """.formatted(mimeType, base64(image));
    }

    private static String googleError(int code, String message, String status) {
        return """
                {"error":{"code":%d,"message":"%s","status":"%s"}}
                """.formatted(code, message, status);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] png(int width, int height) {
        return encode(width, height, "png");
    }

    static byte[] jpeg(int width, int height) {
        return encode(width, height, "jpg");
    }

    private static byte[] encode(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A sink that keeps what was written to each index, and which indices were opened. */
    private static final class RecordingSink implements dev.tollgate.provider.ImageSink {

        private final Map<Integer, ByteArrayOutputStream> streams = new TreeMap<>();
        final List<Integer> opened = new ArrayList<>();

        @Override
        public OutputStream open(int index) {
            opened.add(index);
            return streams.computeIfAbsent(index, i -> new ByteArrayOutputStream());
        }

        List<byte[]> written() {
            return streams.values().stream()
                    .map(ByteArrayOutputStream::toByteArray)
                    .toList();
        }
    }
}
