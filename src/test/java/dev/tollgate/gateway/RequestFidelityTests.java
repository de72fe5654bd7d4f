package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the caller sent beyond the fields the gateway models reaches an upstream of the caller's own dialect as sent,
 * with its beta header, streamed or not; an upstream of the other dialect that has no equivalent gets nothing, and the
 * caller a 400 naming the field before any credit is held.
 */
@IntegrationTest
class RequestFidelityTests {

    private static final String OPENAI_MODEL = "aws/glm-5";
    private static final String ANTHROPIC_MODEL = "aws/claude-opus-4-5";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    TestChannels channels;
    UpstreamStandIn openAi;
    UpstreamStandIn anthropic;
    FundedTeam team;
    AnthropicClient anthropicClient;

    @BeforeEach
    void upstreamsOfBothDialects() {
        channels = new TestChannels(channelService, actors);
        openAi = new UpstreamStandIn().on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Hi", 9, 2));
        anthropic = new UpstreamStandIn().on("POST", "/v1/messages", UpstreamReplies.anthropicText("Hi", 9, 2));
        channels.add(
                "fidelity-openai",
                ChannelKind.OPENAI_COMPATIBLE,
                openAi.baseUrl("/v1"),
                "sk-o",
                Map.of(OPENAI_MODEL, "up-openai"),
                0);
        channels.add(
                "fidelity-anthropic",
                ChannelKind.ANTHROPIC,
                anthropic.baseUrl("/v1"),
                "sk-a",
                Map.of(ANTHROPIC_MODEL, "up-anthropic"),
                0);
        team = FundedTeam.create(port, "Fidelity", "10.00");
        anthropicClient = AnthropicClients.forKey(port, team.key());
    }

    @AfterEach
    void removeChannels() {
        channels.removeAll();
        openAi.close();
        anthropic.close();
    }

    @Test
    void openAiFieldsTheGatewayDoesNotModelReachAnOpenAiCompatibleUpstreamAsSentWithTheBetaHeader() {
        ChatCompletionCreateParams params = openAiParamsWithExtras();

        team.client().chat().completions().create(params);

        UpstreamStandIn.Received received = openAi.last();
        assertFieldsAsSent(body(received), OPENAI_EXTRAS);
        assertThat(received.header("openai-beta"))
                .as("the caller's openai-beta header goes along to an upstream of its dialect")
                .isEqualTo("assistants=v2");
        assertThat(body(received).get("model").asString())
                .as("the model stays the gateway's: the channel's upstream id")
                .isEqualTo("up-openai");
    }

    @Test
    void openAiFieldsReachTheUpstreamAsSentWhenTheCallerStreams() {
        try (var stream = team.client().chat().completions().createStreaming(openAiParamsWithExtras())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            assertThat(chunks).as("the streamed reply arrives").isNotEmpty();
        }

        assertFieldsAsSent(body(openAi.last()), OPENAI_EXTRAS);
        assertThat(openAi.last().header("openai-beta")).isEqualTo("assistants=v2");
    }

    @Test
    void anthropicFieldsAndBetaHeaderReachAnAnthropicUpstreamAsSentFromClaudeCodesBetaPath() {
        anthropicClient.messages().create(anthropicParamsWithExtras());

        UpstreamStandIn.Received received = anthropic.last();
        assertFieldsAsSent(body(received), ANTHROPIC_EXTRAS);
        assertThat(received.header("anthropic-beta"))
                .as("the caller's betas go along to an upstream of its dialect")
                .isEqualTo("context-management-2025-06-27,interleaved-thinking-2025-05-14");
        assertThat(received.header("anthropic-version"))
                .as("the API version stays the gateway's own")
                .isEqualTo("2023-06-01");
    }

    @Test
    void anthropicFieldsReachTheUpstreamAsSentWhenTheCallerStreams() {
        try (StreamResponse<RawMessageStreamEvent> stream =
                anthropicClient.messages().createStreaming(anthropicParamsWithExtras())) {
            assertThat(stream.stream().toList())
                    .as("the streamed reply arrives")
                    .isNotEmpty();
        }

        assertFieldsAsSent(body(anthropic.last()), ANTHROPIC_EXTRAS);
        assertThat(anthropic.last().header("anthropic-beta")).contains("context-management-2025-06-27");
    }

    @Test
    void anOpenAiFieldAnthropicHasNoEquivalentForIsRefusedByNameBeforeAnyCreditIsHeld() {
        RawHttp.Response response = new RawHttp(port)
                .send(
                        post("/v1/chat/completions"),
                        "{\"model\":\"" + ANTHROPIC_MODEL + "\",\"messages\":[{\"role\":"
                                + "\"user\",\"content\":\"Hi\"}],\"seed\":7}");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.text()).get("error");
        assertThat(error.get("param").asString())
                .as("the OpenAI error names the field")
                .isEqualTo("seed");
        assertThat(error.get("message").asString()).contains("seed");
        assertThat(anthropic.received()).as("nothing was sent upstream").isEmpty();
        assertThat(holds()).as("no credit was held").isZero();
        assertThat(team.balance(jdbc)).isEqualByComparingTo(new BigDecimal("10.00"));
    }

    @Test
    void anAnthropicFieldOpenAiHasNoEquivalentForIsRefusedByNameInAnthropicsErrorFormat() {
        RawHttp.Response response = new RawHttp(port)
                .send(
                        post("/v1/messages"),
                        "{\"model\":\"" + OPENAI_MODEL + "\",\"max_tokens\":64,\"messages\":"
                                + "[{\"role\":\"user\",\"content\":\"Hi\"}],\"top_k\":5}");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.text());
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.get("error").get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(body.get("error").get("message").asString())
                .as("the Anthropic error names the field")
                .startsWith("top_k");
        assertThat(openAi.received()).as("nothing was sent upstream").isEmpty();
        assertThat(holds()).as("no credit was held").isZero();
    }

    @Test
    void aFieldOneOfAModelsChannelsCannotHonourIsRefusedWhicheverChannelWouldBePicked() {
        channels.add(
                "fidelity-anthropic-too",
                ChannelKind.ANTHROPIC,
                anthropic.baseUrl("/v1"),
                "sk-a",
                Map.of(OPENAI_MODEL, "up-anthropic"),
                0);

        RawHttp.Response response = new RawHttp(port)
                .send(
                        post("/v1/chat/completions"),
                        "{\"model\":\"" + OPENAI_MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                                + "\"Hi\"}],\"logit_bias\":{\"50256\":-100}}");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(JSON.readTree(response.text()).get("error").get("param").asString())
                .isEqualTo("logit_bias");
        assertThat(openAi.received())
                .as("not even the channel that could honour it is called")
                .isEmpty();
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void aBetaHeaderNoUpstreamRequestCouldCarryIsRefusedByName() {
        RawHttp.Response response = new RawHttp(port)
                .send(
                        post("/v1/messages") + "anthropic-beta: caf\u00e9-2025\r\n",
                        "{\"model\":\"" + ANTHROPIC_MODEL + "\",\"max_tokens\":64,\"messages\":"
                                + "[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(JSON.readTree(response.text()).get("error").get("message").asString())
                .startsWith("anthropic-beta");
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void theHoldAndTheTokenCountAreTheSameWithOrWithoutExtraFields() {
        MessageCreateParams plain = MessageCreateParams.builder()
                .model(ANTHROPIC_MODEL)
                .maxTokens(64)
                .addUserMessage("How do tides work?")
                .build();
        anthropicClient.messages().create(plain);
        anthropicClient.messages().create(anthropicParamsWithExtras());

        List<BigDecimal> amounts = jdbc.sql(
                        "select amount from credit_hold where team_id = ?::uuid order by created_at")
                .param(team.id())
                .query(BigDecimal.class)
                .list();
        assertThat(amounts).hasSize(2);
        assertThat(amounts.get(1)).as("extra fields do not change the hold").isEqualByComparingTo(amounts.get(0));
        long counted = anthropicClient
                .messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model(ANTHROPIC_MODEL)
                        .addUserMessage("How do tides work?")
                        .putAdditionalBodyProperty("context_management", JsonValue.from(Map.of("edits", List.of())))
                        .putAdditionalBodyProperty("x_custom", JsonValue.from(Map.of("a", 1)))
                        .build())
                .inputTokens();
        long plainCount = anthropicClient
                .messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model(ANTHROPIC_MODEL)
                        .addUserMessage("How do tides work?")
                        .build())
                .inputTokens();
        assertThat(counted).as("extra fields do not change the token count").isEqualTo(plainCount);
    }

    private static final String OPENAI_EXTRAS = """
            {"x_custom": {"a": 1, "b": [true, null, "z"], "big": 12345678901234567890},
             "seed": 7,
             "logit_bias": {"50256": -100},
             "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": true,
                 "schema": {"type": "object", "properties": {"city": {"type": "string"}}}}},
             "service_tier": "flex",
             "user": "u-42",
             "top_p": 0.25,
             "frequency_penalty": 0.5,
             "parallel_tool_calls": false,
             "metadata": {"purpose": "fidelity"}}""";

    private static final String ANTHROPIC_EXTRAS = """
            {"x_custom": {"a": 1},
             "thinking": {"type": "enabled", "budget_tokens": 1024},
             "metadata": {"user_id": "u-42"},
             "context_management": {"edits": [{"type": "clear_tool_uses_20250919"}]},
             "output_config": {"format": {"type": "json_schema", "schema": {"type": "object"}}},
             "top_k": 5,
             "top_p": 0.25,
             "service_tier": "auto"}""";

    private ChatCompletionCreateParams openAiParamsWithExtras() {
        ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder()
                .model(OPENAI_MODEL)
                .addUserMessage("What is the capital of France?")
                .putAdditionalHeader("OpenAI-Beta", "assistants=v2");
        JSON.readTree(OPENAI_EXTRAS)
                .properties()
                .forEach(field -> builder.putAdditionalBodyProperty(
                        field.getKey(),
                        com.openai.core.JsonValue.from(JSON.convertValue(field.getValue(), Object.class))));
        return builder.build();
    }

    private MessageCreateParams anthropicParamsWithExtras() {
        MessageCreateParams.Builder builder = MessageCreateParams.builder()
                .model(ANTHROPIC_MODEL)
                .maxTokens(64)
                .addUserMessage("How do tides work?")
                .putAdditionalHeader("anthropic-beta", "context-management-2025-06-27,interleaved-thinking-2025-05-14")
                .putAdditionalQueryParam("beta", "true");
        JSON.readTree(ANTHROPIC_EXTRAS)
                .properties()
                .forEach(field -> builder.putAdditionalBodyProperty(
                        field.getKey(), JsonValue.from(JSON.convertValue(field.getValue(), Object.class))));
        return builder.build();
    }

    private static void assertFieldsAsSent(JsonNode upstreamBody, String sent) {
        JSON.readTree(sent)
                .properties()
                .forEach(field -> assertThat(upstreamBody.get(field.getKey()))
                        .as("the upstream receives %s as sent", field.getKey())
                        .isEqualTo(field.getValue()));
    }

    private static JsonNode body(UpstreamStandIn.Received received) {
        return JSON.readTree(received.bodyText());
    }

    private long holds() {
        return jdbc.sql("select count(*) from credit_hold where team_id = ?::uuid")
                .param(team.id())
                .query(Long.class)
                .single();
    }

    private String post(String path) {
        return "POST " + path + " HTTP/1.1\r\nAuthorization: Bearer " + team.key()
                + "\r\nContent-Type: application/json\r\n";
    }
}
