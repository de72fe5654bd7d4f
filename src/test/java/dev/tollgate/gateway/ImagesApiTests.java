package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.images.Image;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Image generations and edits through the official OpenAI Java SDK, and the media they leave behind. */
@IntegrationTest
class ImagesApiTests {

    private static final String ONE_K = "enterprise/image-2";
    private static final String TWO_K = "enterprise/gemini-3.1-flash-image-preview-2k";
    private static final String FOUR_K = "enterprise/gemini-3-pro-image-preview-4k";

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
        funded = FundedTeam.create(port, "Images", "10.00");
        team = funded.id();
        key = funded.key();
        client = funded.client();
    }

    @Test
    void generatesA1kImageAsAnAbsoluteUrlServedWithItsTypeLengthAndLongCaching() throws Exception {
        ImagesResponse response = client.images()
                .generate(ImageGenerateParams.builder()
                        .model(ONE_K)
                        .prompt("A red fox in fresh snow")
                        .build());

        List<Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(1);
        String url = data.getFirst().url().orElseThrow();
        assertThat(url).startsWith("http://localhost:" + port + "/media/").endsWith(".png");
        HttpResponse<byte[]> media =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(media.headers().firstValueAsLong("content-length")).hasValue(media.body().length);
        assertThat(media.headers().firstValue("cache-control").orElseThrow())
                .contains("max-age=31536000")
                .contains("immutable");
        assertThat(dimensions(media.body())).containsExactly(1024, 1024);
        assertThat(balance()).isEqualByComparingTo("9.84");
    }

    @Test
    void generatesA2kImageAsBase64() throws Exception {
        ImagesResponse response = client.images()
                .generate(ImageGenerateParams.builder()
                        .model(TWO_K)
                        .prompt("Sunflowers against a blue sky")
                        .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                        .size("2048x2048")
                        .build());

        byte[] png = Base64.getDecoder()
                .decode(response.data().orElseThrow().getFirst().b64Json().orElseThrow());
        assertThat(dimensions(png)).containsExactly(2048, 2048);
        assertThat(balance()).isEqualByComparingTo("9.82");
    }

    @Test
    void generatesA4kImageAtItsFullResolution() throws Exception {
        ImagesResponse response = client.images()
                .generate(ImageGenerateParams.builder()
                        .model(FOUR_K)
                        .prompt("A city skyline at night with neon reflections")
                        .size("auto")
                        .build());

        String url = response.data().orElseThrow().getFirst().url().orElseThrow();
        byte[] png = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(dimensions(png)).containsExactly(4096, 4096);
        assertThat(balance()).isEqualByComparingTo("9.60");
    }

    @Test
    void nImagesCostNTimesThePriceAndEachIsStoredWithItsMetadata() {
        ImagesResponse response = client.images()
                .generate(ImageGenerateParams.builder()
                        .model(ONE_K)
                        .prompt("Three paper boats")
                        .n(3)
                        .build());

        List<String> urls = response.data().orElseThrow().stream()
                .map(image -> image.url().orElseThrow())
                .toList();
        assertThat(urls).hasSize(3).doesNotHaveDuplicates();
        assertThat(balance()).as("3 × 0.16").isEqualByComparingTo("9.52");
        List<JsonNode> rows = jdbc.sql("""
                        select json_build_object('model', model, 'prompt', prompt, 'width', width, 'cost', cost,
                            'bytes', bytes, 'checksum', checksum)::text
                        from media_item where team_id = ?::uuid""").param(team).query(String.class).list().stream()
                .map(json::readTree)
                .toList();
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("model").asString()).isEqualTo(ONE_K);
            assertThat(row.get("prompt").asString()).isEqualTo("Three paper boats");
            assertThat(row.get("width").asInt()).isEqualTo(1024);
            assertThat(row.get("cost").decimalValue()).isEqualByComparingTo("0.16");
            assertThat(row.get("bytes").asLong()).isPositive();
            assertThat(row.get("checksum").asString()).hasSize(64);
        });
        JsonNode usage =
                json.readTree(jdbc.sql("""
                        select json_build_object('kind', kind, 'status', status, 'cost', total_cost, 'source', source)::text
                        from usage_record where team_id = ?::uuid""").param(team).query(String.class).single());
        assertThat(usage.get("kind").asString()).isEqualTo("IMAGE");
        assertThat(usage.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(usage.get("source").asString()).isEqualTo("API");
        assertThat(usage.get("cost").decimalValue()).isEqualByComparingTo("0.48");
    }

    @Test
    void editsAnUploadedImageThroughTheSdksMultipartForm() throws Exception {
        byte[] source = TestImages.png(320, 200);
        ImagesResponse response = client.images()
                .edit(ImageEditParams.builder()
                        .model(TWO_K)
                        .image(new ByteArrayInputStream(source))
                        .prompt("Make it look like a watercolour")
                        .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                        .build());

        byte[] edited = Base64.getDecoder()
                .decode(response.data().orElseThrow().getFirst().b64Json().orElseThrow());
        assertThat(dimensions(edited))
                .as("edits come out at the model's resolution")
                .containsExactly(2048, 2048);
        assertThat(edited).isNotEqualTo(source);
        assertThat(jdbc.sql("select kind from usage_record where team_id = ?::uuid")
                        .param(team)
                        .query(String.class)
                        .single())
                .isEqualTo("EDIT");
    }

    @Test
    void aMaskUploadedWithTheImageIsAcceptedAndOneOfAnotherSizeIsA400() throws Exception {
        byte[] source = TestImages.png(64, 64);
        ImagesResponse masked = client.images()
                .edit(ImageEditParams.builder()
                        .model(ONE_K)
                        .image(new ByteArrayInputStream(source))
                        .mask(TestImages.png(64, 64))
                        .prompt("Only inside the mask")
                        .build());
        assertThat(masked.data().orElseThrow()).hasSize(1);

        assertThatThrownBy(() -> client.images()
                        .edit(ImageEditParams.builder()
                                .model(ONE_K)
                                .image(new ByteArrayInputStream(source))
                                .mask(TestImages.png(32, 32))
                                .prompt("A mask that does not fit")
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("same size");
                    assertThat(e.param()).contains("mask");
                });
        assertThat(balance()).as("only the fitting mask was charged").isEqualByComparingTo("9.84");
    }

    @Test
    void editsImagesGivenAsImageUrlObjectsInJson() throws Exception {
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(TestImages.png(40, 40));
        HttpResponse<String> response = post(
                "/v1/images/edits",
                "{\"model\":\"" + ONE_K + "\",\"prompt\":\"Merge them\",\"images\":[{\"image_url\":\"" + dataUrl
                        + "\"},{\"image_url\":\"" + dataUrl + "\"}],\"response_format\":\"b64_json\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        byte[] png = Base64.getDecoder()
                .decode(json.readTree(response.body())
                        .get("data")
                        .get(0)
                        .get("b64_json")
                        .asString());
        assertThat(dimensions(png)).containsExactly(1024, 1024);
        assertThat(post(
                                "/v1/images/edits",
                                "{\"model\":\"" + ONE_K
                                        + "\",\"prompt\":\"x\",\"images\":[{\"file_id\":\"file-abc\"}]}")
                        .body())
                .contains("file ids are not supported");
    }

    @Test
    void editsAnImageGivenAsADataUrlInJson() throws Exception {
        String body = json.writeValueAsString(java.util.Map.of(
                "model",
                ONE_K,
                "prompt",
                "Add a rainbow",
                "image",
                "data:image/png;base64," + Base64.getEncoder().encodeToString(TestImages.png(64, 64))));

        HttpResponse<String> response = post("/v1/images/edits", body);

        assertThat(response.statusCode()).isEqualTo(200);
        String url =
                json.readTree(response.body()).get("data").get(0).get("url").asString();
        byte[] png = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(dimensions(png)).containsExactly(1024, 1024);
    }

    @Test
    void anImageWithAGoodHeaderButBrokenPixelsIsA400AndRefunded() throws Exception {
        byte[] png = TestImages.png(64, 64);
        byte[] broken = java.util.Arrays.copyOf(png, 60);
        String body = "{\"model\":\"" + ONE_K + "\",\"prompt\":\"Fix it\",\"image\":\""
                + Base64.getEncoder().encodeToString(broken) + "\"}";

        HttpResponse<String> response = post("/v1/images/edits", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("could not be decoded").contains("refunded");
        assertThat(balance()).isEqualByComparingTo("10.00");
    }

    @Test
    void aSizeOtherThanTheModelsOwnIsRejectedNamingTheModelsSize() {
        assertThatThrownBy(() -> client.images()
                        .generate(ImageGenerateParams.builder()
                                .model(ONE_K)
                                .prompt("A tiny house")
                                .size("512x512")
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("1024x1024");
                    assertThat(e.param()).contains("size");
                });
        assertThat(balance()).as("nothing is charged for a refused request").isEqualByComparingTo("10.00");
    }

    @Test
    void anUnknownModelIs404AndAChatModelIs400() {
        assertThatThrownBy(() -> client.images()
                        .generate(ImageGenerateParams.builder()
                                .model("enterprise/no-such-model")
                                .prompt("x")
                                .build()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.images()
                        .generate(ImageGenerateParams.builder()
                                .model("aws/claude-haiku-4-5")
                                .prompt("x")
                                .build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("image model"));
    }

    @Test
    void badInputGetsAClear400NeverA500() throws Exception {
        assertThat(post(
                                "/v1/images/edits",
                                "{\"model\":\"" + ONE_K + "\",\"prompt\":\"x\",\"image\":\"bm90IGFuIGltYWdl\"}")
                        .body())
                .contains("not a PNG, JPEG or WebP");
        assertThat(post("/v1/images/edits", "{\"model\":\"" + ONE_K + "\",\"prompt\":\"x\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/v1/images/generations", "{\"model\":\"" + ONE_K + "\",\"prompt\":\"x\",\"n\":9}")
                        .body())
                .contains("n must be between 1 and 4");
        assertThat(post("/v1/images/generations", "{\"model\":\"" + ONE_K + "\",\"prompt\":\"  \"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(
                                "/v1/images/generations",
                                "{\"model\":\"" + ONE_K + "\",\"prompt\":\"x\",\"response_format\":\"gif\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(balance()).isEqualByComparingTo("10.00");
    }

    @Test
    void aTeamThatCannotPayGets402AndNothingIsStored() {
        String poorTeam = admin.createFundedTeam("Poor images", "0.10");
        OpenAIClient poor = OpenAiClients.forKey(
                port,
                admin.createKey(poorTeam, "{\"name\":\"poor\"}").get("key").asString());

        assertThatThrownBy(() -> poor.images()
                        .generate(ImageGenerateParams.builder()
                                .model(ONE_K)
                                .prompt("Something I cannot afford")
                                .build()))
                .isInstanceOfSatisfying(UnexpectedStatusCodeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.code()).contains("insufficient_quota");
                });
        assertThat(jdbc.sql("select count(*) from media_item where team_id = ?::uuid")
                        .param(poorTeam)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(new Books(jdbc).balance(Books.team(poorTeam))).isEqualByComparingTo("0.10");
    }

    @Test
    void aKeyBudgetCapsImagesWhileTheTeamHasCredit() {
        OpenAIClient capped = OpenAiClients.forKey(
                port,
                admin.createKey(team, "{\"name\":\"capped\",\"budget\":\"0.20\"}")
                        .get("key")
                        .asString());
        ImageGenerateParams params =
                ImageGenerateParams.builder().model(ONE_K).prompt("A kite").build();
        capped.images().generate(params);

        assertThatThrownBy(() -> capped.images().generate(params))
                .isInstanceOfSatisfying(UnexpectedStatusCodeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.code()).contains("key_budget_exceeded");
                });
        assertThat(balance()).isEqualByComparingTo("9.84");
    }

    @Test
    void parallelRequestsNeverSpendMoreThanTheBalanceAndEveryChargeHasItsImage() throws Exception {
        String smallTeam = admin.createFundedTeam("Parallel images", "0.80");
        OpenAIClient burst = OpenAiClients.forKey(
                port,
                admin.createKey(smallTeam, "{\"name\":\"burst\"}").get("key").asString());
        ImageGenerateParams params =
                ImageGenerateParams.builder().model(ONE_K).prompt("A lantern").build();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> {
                try {
                    burst.images().generate(params);
                    return 200;
                } catch (UnexpectedStatusCodeException refused) {
                    return refused.statusCode();
                }
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnly(200, 402);
        assertThat(statuses.stream().filter(s -> s == 200))
                .as("0.80 pays for exactly five")
                .hasSize(5);
        assertThat(new Books(jdbc).balance(Books.team(smallTeam))).isEqualByComparingTo("0.00");
        assertThat(jdbc.sql("select count(*) from media_item where team_id = ?::uuid")
                        .param(smallTeam)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(jdbc.sql("select sum(amount) from ledger_entry where team_id = ?::uuid")
                        .param(smallTeam)
                        .query(BigDecimal.class)
                        .single())
                .as("balance = Σ ledger")
                .isEqualByComparingTo("0.00");
    }

    @Test
    void theSameEndpointsAnswerUnderApiV1() throws Exception {
        HttpResponse<String> response =
                post("/api/v1/images/generations", "{\"model\":\"" + ONE_K + "\",\"prompt\":\"A quiet harbour\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("data").get(0).get("url").asString())
                .contains("/media/");
    }

    @Test
    void aBodyDeclaredLargerThanTheCapIsRefusedBeforeItIsRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/images/edits HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: 500000000\r\nConnection: close\r\n\r\n{";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the answer comes before the body is sent; the server then waits for the rest, so read only the head
            var reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void mediaIdsThatDoNotExistAre404() throws Exception {
        for (String path : List.of(
                "/media/AAAAAAAAAAAAAAAAAAAAAAAA.png",
                "/media/not-an-id.png",
                "/media/thumbnails/AAAAAAAAAAAAAAAAAAAAAAAA.jpg")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private BigDecimal balance() {
        return funded.balance(jdbc);
    }

    /** Width and height from the PNG header, without decoding the pixels. */
    static List<Integer> dimensions(byte[] png) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(input);
            return List.of(reader.getWidth(0), reader.getHeight(0));
        }
    }
}
