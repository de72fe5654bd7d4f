package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.models.ModelListPage;
import com.anthropic.models.models.ModelListParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.models.Model;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/models} through the official OpenAI and Anthropic Java SDKs, with keys issued by the admin API. */
@IntegrationTest
class ModelsApiTests {

    private static final List<String> ALL_MODELS = List.of(
            "aws/claude-opus-4-7",
            "aws/claude-opus-4-6",
            "aws/claude-opus-4-5",
            "aws/claude-sonnet-4-6",
            "aws/claude-sonnet-4-5",
            "aws/claude-sonnet-4-0",
            "aws/claude-haiku-4-5",
            "aws/minimax-m2.5",
            "aws/minimax-m2.1",
            "aws/glm-5",
            "aws/qwen3-codex",
            "enterprise/image-2",
            "enterprise/gemini-3.1-flash-image-preview-1k",
            "enterprise/gemini-3.1-flash-image-preview-2k",
            "enterprise/gemini-3.1-flash-image-preview-4k",
            "enterprise/gemini-3-pro-image-preview-1k",
            "enterprise/gemini-3-pro-image-preview-2k",
            "enterprise/gemini-3-pro-image-preview-4k",
            "enterprise/seedance-1-5-pro");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AdminApiClient admin;
    String teamId;

    @BeforeEach
    void createTeam() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        teamId = admin.createTeam("Models " + UUID.randomUUID());
    }

    @Test
    void theSdkListsEveryModelForAnUnrestrictedKey() {
        String key = admin.createKey(teamId, "{\"name\":\"sdk\"}").get("key").asString();

        List<Model> models = client(key, "/v1").models().list().data();

        assertThat(models).extracting(Model::id).containsExactlyElementsOf(ALL_MODELS);
        Model opus = models.getFirst();
        assertThat(opus.ownedBy()).isEqualTo("aws");
        assertThat(opus.created()).isPositive();
    }

    @Test
    void theApiPrefixServesTheSameList() {
        String key =
                admin.createKey(teamId, "{\"name\":\"prefixed\"}").get("key").asString();
        assertThat(client(key, "/api/v1").models().list().data())
                .extracting(Model::id)
                .containsExactlyElementsOf(ALL_MODELS);
    }

    @Test
    void aRestrictedKeySeesOnlyItsModels() {
        String key = admin.createKey(teamId, "{\"name\":\"narrow\",\"models\":[\"aws/glm-5\",\"enterprise/image-2\"]}")
                .get("key")
                .asString();
        OpenAIClient client = client(key, "/v1");

        assertThat(client.models().list().data())
                .extracting(Model::id)
                .containsExactly("aws/glm-5", "enterprise/image-2");
        assertThatThrownBy(() -> client.models().retrieve("aws/claude-opus-4-7"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSdkRetrievesOneModelWhoseIdContainsASlash() {
        String key = admin.createKey(teamId, "{\"name\":\"one\"}").get("key").asString();
        Model model = client(key, "/v1").models().retrieve("aws/claude-sonnet-4-6");
        assertThat(model.id()).isEqualTo("aws/claude-sonnet-4-6");
        assertThat(model.ownedBy()).isEqualTo("aws");
    }

    @Test
    void bothEncodedAndPlainSlashesReachTheModel() throws Exception {
        String key = admin.createKey(teamId, "{\"name\":\"paths\"}").get("key").asString();
        assertThat(get("/v1/models/aws%2Fglm-5", key).statusCode()).isEqualTo(200);
        assertThat(get("/v1/models/aws/glm-5", key).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/models/enterprise/image-2", key).statusCode()).isEqualTo(200);
    }

    @Test
    void modelsOnlyTheSimulatorServesLeaveTheListWhileItIsSwitchedOffAndComeBackWithIt() {
        String key = admin.createKey(teamId, "{\"name\":\"switch\"}").get("key").asString();
        OpenAIClient client = client(key, "/v1");
        String simulator = "/admin/v1/channels/" + simulatorId();
        try {
            assertThat(admin.put(simulator, "{\"enabled\":false}").status()).isEqualTo(200);

            assertThat(client.models().list().data())
                    .as("no other channel serves anything in these tests")
                    .isEmpty();

            assertThat(admin.put(simulator, "{\"enabled\":true}").status()).isEqualTo(200);
            assertThat(client.models().list().data()).extracting(Model::id).containsExactlyElementsOf(ALL_MODELS);
        } finally {
            admin.put(simulator, "{\"enabled\":true}");
        }
    }

    @Test
    void anUnknownModelIsA404InTheOpenAiFormat() {
        String key =
                admin.createKey(teamId, "{\"name\":\"unknown\"}").get("key").asString();
        assertThatThrownBy(() -> client(key, "/v1").models().retrieve("aws/gpt-9"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).contains("model_not_found");
                });
    }

    @Test
    void aRevokedKeyIsRefusedWithAnAuthenticationError() {
        JsonNode created = admin.createKey(teamId, "{\"name\":\"doomed\"}");
        String key = created.get("key").asString();
        OpenAIClient client = client(key, "/v1");
        assertThat(client.models().list().data()).isNotEmpty();

        assertThat(admin.delete("/admin/v1/keys/" + created.get("id").asString())
                        .status())
                .isEqualTo(204);

        assertThatThrownBy(() -> client.models().list()).isInstanceOfSatisfying(UnauthorizedException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.code()).contains("invalid_api_key");
            assertThat(e.getMessage()).contains("revoked");
        });
    }

    @Test
    void anExpiredKeyIsRefused() {
        JsonNode created = admin.createKey(teamId, "{\"name\":\"brief\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        jdbc.sql("update api_key set expires_at = now() - interval '1 second' where id = ?::uuid")
                .param(created.get("id").asString())
                .update();
        assertThatThrownBy(() ->
                        client(created.get("key").asString(), "/v1").models().list())
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void malformedAndUnknownKeysAreRefused() {
        assertThatThrownBy(() -> client("sk-proj-123", "/v1").models().list())
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> client("vai-" + "x".repeat(40), "/v1").models().list())
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aMissingKeyGetsTheOpenAiErrorBodyAndARequestId() throws Exception {
        HttpResponse<String> response = get("/v1/models", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("x-request-id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode error = JsonMapper.builder().build().readTree(response.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(error.has("param")).isTrue();
        assertThat(error.get("message").asString()).isNotBlank();
    }

    @Test
    void everyChatModelStatesTheLargestMaxTokensItAccepts() throws Exception {
        String key = admin.createKey(teamId, "{\"name\":\"limits\"}").get("key").asString();

        JsonNode models = JsonMapper.builder()
                .build()
                .readTree(get("/v1/models", key).body())
                .get("data");

        Map<String, Integer> limits = new LinkedHashMap<>();
        models.forEach(model -> limits.put(
                model.get("id").asString(),
                model.path("max_tokens").isNumber() ? model.get("max_tokens").asInt() : null));
        assertThat(limits)
                .containsEntry("aws/claude-opus-4-7", 128_000)
                .containsEntry("aws/claude-haiku-4-5", 64_000)
                .containsEntry("aws/qwen3-codex", 65_536)
                .containsEntry("enterprise/image-2", null);
        assertThat(limits.entrySet())
                .filteredOn(entry -> entry.getKey().startsWith("aws/"))
                .as("every chat model has a limit")
                .allSatisfy(entry -> assertThat(entry.getValue()).isPositive());
    }

    @Test
    void anthropicCallersUseXApiKeyAndPageTheList() throws Exception {
        String key =
                admin.createKey(teamId, "{\"name\":\"anthropic\"}").get("key").asString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/models?limit=5"))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .build();
        HttpResponse<String> first = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode page = JsonMapper.builder().build().readTree(first.body());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(page.get("data")).hasSize(5);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("first_id").asString()).isEqualTo("aws/claude-opus-4-7");
        assertThat(page.get("data").get(0).get("display_name").asString()).isEqualTo("Claude Opus 4.7");
        assertThat(page.get("data").get(0).get("type").asString()).isEqualTo("model");

        HttpRequest next = HttpRequest.newBuilder(URI.create(base() + "/v1/models?limit=100&after_id="
                        + page.get("last_id").asString()))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .build();
        JsonNode rest = JsonMapper.builder()
                .build()
                .readTree(HttpClient.newHttpClient()
                        .send(next, HttpResponse.BodyHandlers.ofString())
                        .body());
        assertThat(rest.get("data")).hasSize(ALL_MODELS.size() - 5);
        assertThat(rest.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void theAnthropicSdkPagesThroughEveryModelWithItsLimit() {
        AnthropicClient anthropic = anthropic(
                admin.createKey(teamId, "{\"name\":\"pager\"}").get("key").asString());

        ModelListPage first =
                anthropic.models().list(ModelListParams.builder().limit(4).build());
        List<String> all = new ArrayList<>();
        first.autoPager().forEach(model -> all.add(model.id()));

        assertThat(first.data()).extracting(ModelInfo::id).containsExactlyElementsOf(ALL_MODELS.subList(0, 4));
        assertThat(first.hasMore()).contains(true);
        assertThat(all).as("the auto-pager follows last_id to the end").containsExactlyElementsOf(ALL_MODELS);
        ModelInfo opus = first.data().getFirst();
        assertThat(opus.displayName()).isEqualTo("Claude Opus 4.7");
        assertThat(opus.createdAt()).isNotNull();
        assertThat(opus.maxTokens()).contains(128_000L);
    }

    @Test
    void anthropicCallersGetAnthropicsShapeTwentyToAPageByDefault() throws Exception {
        String key = admin.createKey(teamId, "{\"name\":\"shape\"}").get("key").asString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/models"))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .build();

        JsonNode page = JsonMapper.builder()
                .build()
                .readTree(HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofString())
                        .body());

        assertThat(page.has("object")).as("no OpenAI list envelope").isFalse();
        assertThat(page.get("data")).hasSize(ALL_MODELS.size());
        assertThat(page.get("has_more").asBoolean()).isFalse();
        assertThat(page.get("last_id").asString()).isEqualTo(ALL_MODELS.getLast());
        JsonNode model = page.get("data").get(0);
        assertThat(model.propertyNames())
                .as("Anthropic's model fields, not OpenAI's")
                .contains("type", "id", "display_name", "created_at")
                .doesNotContain("object", "owned_by", "created");
        assertThat(model.get("created_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void anthropicPagingRefusesALimitOutsideOneToAThousandInAnthropicsShape() throws Exception {
        String key = admin.createKey(teamId, "{\"name\":\"limits\"}").get("key").asString();
        for (String limit : List.of("0", "1001")) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base() + "/v1/models?limit=" + limit))
                                    .header("x-api-key", key)
                                    .header("anthropic-version", "2023-06-01")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode body = JsonMapper.builder().build().readTree(response.body());
            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            assertThat(body.get("type").asString()).isEqualTo("error");
            assertThat(body.get("error").get("message").asString()).contains("limit");
        }
    }

    @Test
    void beforeIdPagesBackwards() throws Exception {
        String key = admin.createKey(teamId, "{\"name\":\"back\"}").get("key").asString();
        ModelListPage page = anthropic(key)
                .models()
                .list(ModelListParams.builder()
                        .beforeId("aws/claude-haiku-4-5")
                        .limit(2)
                        .build());

        assertThat(page.data())
                .extracting(ModelInfo::id)
                .containsExactly("aws/claude-sonnet-4-5", "aws/claude-sonnet-4-0");
        assertThat(page.hasMore()).as("more models lie before these").contains(true);
    }

    @Test
    void bothSdksRetrieveAModelByItsAliasAndTheAnthropicOneGetsAnthropicsShape() {
        String key = admin.createKey(teamId, "{\"name\":\"alias\"}").get("key").asString();

        ModelInfo anthropicModel = anthropic(key).models().retrieve("claude-sonnet-4-6");
        Model openAiModel = client(key, "/v1").models().retrieve("claude-haiku-4-5-20251001");

        assertThat(anthropicModel.id()).isEqualTo("aws/claude-sonnet-4-6");
        assertThat(anthropicModel.displayName()).isEqualTo("Claude Sonnet 4.6");
        assertThat(openAiModel.id()).isEqualTo("aws/claude-haiku-4-5");
        assertThat(openAiModel.ownedBy()).isEqualTo("aws");
    }

    @Test
    void theAnthropicSdkGetsA404InItsOwnShapeForAnUnknownModel() {
        String key =
                admin.createKey(teamId, "{\"name\":\"nothing\"}").get("key").asString();

        assertThatThrownBy(() -> anthropic(key).models().retrieve("claude-poem-9"))
                .isInstanceOfSatisfying(
                        com.anthropic.errors.NotFoundException.class,
                        e -> assertThat(e.getMessage()).contains("claude-poem-9"));
    }

    @Test
    void anthropicCallersGetTheirOwnErrorShape() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/models"))
                .header("x-api-key", "vai-wrong")
                .header("anthropic-version", "2023-06-01")
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.get("error").get("type").asString()).isEqualTo("authentication_error");
        assertThat(response.headers().firstValue("request-id")).isPresent();
    }

    @Test
    void unknownApiPathsAreJson404sNotPortalPages() throws Exception {
        String key = admin.createKey(teamId, "{\"name\":\"lost\"}").get("key").asString();
        HttpResponse<String> response = get("/v1/does-not-exist", key);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\"").contains("unknown_endpoint");
    }

    private String simulatorId() {
        for (JsonNode channel : admin.get("/admin/v1/channels").body().get("data")) {
            if (channel.get("kind").asString().equals("simulator")) {
                return channel.get("id").asString();
            }
        }
        throw new AssertionError("The admin API lists no simulator channel");
    }

    private AnthropicClient anthropic(String key) {
        return AnthropicOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(base())
                .maxRetries(0)
                .build();
    }

    private OpenAIClient client(String key, String prefix) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(base() + prefix)
                .maxRetries(0)
                .build();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
