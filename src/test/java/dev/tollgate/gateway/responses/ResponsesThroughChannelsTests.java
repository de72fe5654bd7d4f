package dev.tollgate.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.WebSearchTool;
import dev.tollgate.provider.bedrock.ConverseWire;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Responses request reaches each kind of upstream channel translated into that upstream's own API: instructions as
 * its system prompt, function call outputs as its tool results, {@code text.format} as its structured output field,
 * reasoning items as the signed thinking they came from; hosted tools reach none of them and are named in a header.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesThroughChannelsTests {

    static final String OPENAI_SERVED = "aws/glm-5";
    static final String ANTHROPIC_SERVED = "aws/claude-opus-4-5";
    static final String BEDROCK_SERVED = "aws/claude-sonnet-4-0";
    static final String BEDROCK_UPSTREAM_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String BEDROCK_PATH = "/model/" + BEDROCK_UPSTREAM_MODEL + "/converse-stream";
    static final String SIGNATURE = "EqQBCkYIBxgCKkBsig+/=";
    static final String THINKING = "The user wants the weather; call the tool.";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    TestChannels channels;
    UpstreamStandIn openAi;
    UpstreamStandIn anthropic;
    UpstreamStandIn bedrock;
    FundedTeam team;

    @BeforeAll
    void aChannelOfEachKind() {
        channels = new TestChannels(channelService, actors);
        openAi = new UpstreamStandIn();
        anthropic = new UpstreamStandIn();
        bedrock = new UpstreamStandIn();
        channels.add(
                "resp-openai",
                ChannelKind.OPENAI_COMPATIBLE,
                openAi.baseUrl("/v1"),
                "sk-o",
                Map.of(OPENAI_SERVED, "up-model"),
                0);
        channels.add(
                "resp-anthropic",
                ChannelKind.ANTHROPIC,
                anthropic.baseUrl("/v1"),
                "sk-a",
                Map.of(ANTHROPIC_SERVED, "up-model"),
                0);
        channels.add(
                "resp-bedrock",
                ChannelKind.BEDROCK,
                bedrock.baseUrl(""),
                "AKIARESPONSESKEY0001:secret",
                Map.of(BEDROCK_SERVED, BEDROCK_UPSTREAM_MODEL),
                0);
        team = FundedTeam.create(port, "Responses channels", "100.00");
    }

    @BeforeEach
    void standInsAnswer() {
        openAi.reset();
        anthropic.reset();
        bedrock.reset();
        openAi.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("It is sunny.", 30, 12));
        anthropic.on("POST", "/v1/messages", UpstreamReplies.anthropicText("It is sunny.", 30, 12));
        bedrock.on(
                "POST",
                BEDROCK_PATH,
                ConverseWire.stream(
                        ConverseWire.textReply(List.of("It is sunny."), "end_turn", 30, 12), Duration.ZERO));
    }

    @AfterAll
    void removeChannels() {
        channels.removeAll();
        openAi.close();
        anthropic.close();
        bedrock.close();
    }

    @Test
    void anOpenAiCompatibleUpstreamReceivesChatCompletionsWithoutTheHostedTool() {
        HttpResponseFor<Response> raw = team.client()
                .responses()
                .withRawResponse()
                .create(toolRoundTrip(OPENAI_SERVED, toolCallHistory("call_1")));

        JsonNode body = lastBody(openAi);
        JsonNode messages = body.path("messages");
        assertThat(messages.get(0).path("role").asString()).as("%s", messages).isIn("system", "developer");
        assertThat(messages.get(0).toString())
                .as("instructions as the system message")
                .contains("Be brief.");
        JsonNode toolMessage = find(messages, m -> m.path("role").asString().equals("tool"));
        assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(toolMessage.toString()).contains("18 degrees");
        JsonNode assistant = find(messages, m -> m.path("role").asString().equals("assistant"));
        assertThat(assistant
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("name")
                        .asString())
                .isEqualTo("get_weather");
        assertThat(body.path("tools"))
                .as("only the function tool: %s", body.path("tools"))
                .hasSize(1);
        assertThat(body.toString()).as("nothing of the hosted tool").doesNotContain("web_search");
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asString()).isEqualTo("forecast");
        assertThat(format.path("json_schema").path("schema").path("type").asString())
                .isEqualTo("object");
        assertThat(raw.headers().values(ResponsesController.OMITTED_TOOLS))
                .as("the reply names the hosted tool left out")
                .containsExactly("web_search");
        assertThat(ResponsesApiTests.text(raw.parse())).isEqualTo("It is sunny.");
    }

    @Test
    void anAnthropicUpstreamReceivesItsThinkingBackSignedWithTheToolResults() {
        anthropic.reset();
        anthropic.on(
                "POST", "/v1/messages", anthropicThinkingToolCall(), UpstreamReplies.anthropicText("Sunny.", 30, 5));
        Response first = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(ANTHROPIC_SERVED)
                        .store(false)
                        .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                        .input("What is the weather in Lisbon?")
                        .addTool(weatherTool())
                        .build());
        assertThat(first.output().getFirst().isReasoning())
                .as("%s", first.output())
                .isTrue();
        assertThat(first.output().getFirst().asReasoning().encryptedContent())
                .as("the signature travels in encrypted_content")
                .isPresent();
        assertThat(ResponsesApiTests.reasoning(first)).isEqualTo(THINKING);
        String callId = first.output().stream()
                .filter(ResponseOutputItem::isFunctionCall)
                .findFirst()
                .orElseThrow()
                .asFunctionCall()
                .callId();

        team.client().responses().create(toolRoundTrip(ANTHROPIC_SERVED, sentBack(first, callId)));

        JsonNode body = lastBody(anthropic);
        assertThat(body.path("system").toString()).as("instructions as system").contains("Be brief.");
        JsonNode assistant =
                find(body.path("messages"), m -> m.path("role").asString().equals("assistant"));
        assertThat(assistant.path("content").get(0))
                .as("the thinking block exactly as Anthropic issued it")
                .isEqualTo(JSON.readTree("{\"type\":\"thinking\",\"thinking\":\"" + THINKING + "\",\"signature\":\""
                        + SIGNATURE + "\"}"));
        assertThat(assistant.path("content").get(1).path("type").asString()).isEqualTo("tool_use");
        JsonNode result = body.path("messages").get(2).path("content").get(0);
        assertThat(result.path("type").asString()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asString()).isEqualTo(callId);
        assertThat(body.path("output_config").path("format").path("type").asString())
                .as("text.format as output_config")
                .isEqualTo("json_schema");
        assertThat(body.toString()).doesNotContain("web_search");
    }

    @Test
    void aBedrockUpstreamReceivesConverseWithSystemToolResultsAndReasoning() {
        anthropic.reset();
        anthropic.on("POST", "/v1/messages", anthropicThinkingToolCall());
        Response first = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(ANTHROPIC_SERVED)
                        .store(false)
                        .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                        .input("What is the weather in Lisbon?")
                        .addTool(weatherTool())
                        .build());

        team.client().responses().create(toolRoundTrip(BEDROCK_SERVED, sentBack(first, "toolu_1")));

        JsonNode body = lastBody(bedrock);
        assertThat(body.path("system").toString()).as("instructions as system").contains("Be brief.");
        JsonNode assistant =
                find(body.path("messages"), m -> m.path("role").asString().equals("assistant"));
        JsonNode reasoning =
                assistant.path("content").get(0).path("reasoningContent").path("reasoningText");
        assertThat(reasoning.path("text").asString()).isEqualTo(THINKING);
        assertThat(reasoning.path("signature").asString()).isEqualTo(SIGNATURE);
        assertThat(assistant
                        .path("content")
                        .get(1)
                        .path("toolUse")
                        .path("toolUseId")
                        .asString())
                .isEqualTo("toolu_1");
        JsonNode result = body.path("messages").get(2).path("content").get(0).path("toolResult");
        assertThat(result.path("toolUseId").asString()).isEqualTo("toolu_1");
        assertThat(result.toString()).contains("18 degrees");
        assertThat(body.path("outputConfig").path("textFormat").path("type").asString())
                .isEqualTo("json_schema");
        assertThat(body.toString()).doesNotContain("web_search");
    }

    @Test
    void whatCodexSendsOnEveryTurnIsServedByAnthropicAndBedrockWithoutItsClientFields() {
        for (String model : List.of(ANTHROPIC_SERVED, BEDROCK_SERVED)) {
            Response response = team.client()
                    .responses()
                    .create(ResponseCreateParams.builder()
                            .model(model)
                            .input("What is the weather in Lisbon?")
                            .store(false)
                            .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                            .promptCacheKey("019a-session")
                            .parallelToolCalls(true)
                            .reasoning(Reasoning.builder()
                                    .summary(Reasoning.Summary.AUTO)
                                    .build())
                            .putAdditionalBodyProperty(
                                    "client_metadata", JsonValue.from(Map.of("x-codex-window-id", "w-1")))
                            .build());

            assertThat(ResponsesApiTests.text(response)).as(model).isEqualTo("It is sunny.");
        }
        for (UpstreamStandIn upstream : List.of(anthropic, bedrock)) {
            assertThat(lastBody(upstream).toString())
                    .as("the cache hint and the client's own metadata stay at the door")
                    .doesNotContain("prompt_cache_key", "019a-session", "client_metadata", "w-1");
        }
    }

    @Test
    void aFieldTheChannelCannotHonourIsRefusedByTheNameTheCallerSent() {
        int before = anthropic.received().size();

        assertThatThrownBy(() -> team.client()
                        .responses()
                        .create(ResponseCreateParams.builder()
                                .model(ANTHROPIC_SERVED)
                                .input("Think hard.")
                                .reasoning(Reasoning.builder()
                                        .effort(ReasoningEffort.HIGH)
                                        .build())
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, refused -> {
                    assertThat(refused.body().toString()).contains("reasoning.effort");
                    assertThat(refused.getMessage())
                            .startsWith("400: reasoning.effort cannot be honoured")
                            .doesNotContain("reasoning_effort");
                });
        assertThat(anthropic.received()).as("nothing was sent").hasSize(before);
    }

    /** Instructions, a hosted tool beside a function tool, a schema for the answer, and this history. */
    private static ResponseCreateParams toolRoundTrip(String model, List<ResponseInputItem> history) {
        return ResponseCreateParams.builder()
                .model(model)
                .instructions("Be brief.")
                .inputOfResponse(history)
                .addTool(weatherTool())
                .addTool(WebSearchTool.builder()
                        .type(WebSearchTool.Type.WEB_SEARCH)
                        .build())
                .text(ResponseTextConfig.builder()
                        .format(ResponseFormatTextJsonSchemaConfig.builder()
                                .name("forecast")
                                .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty(
                                                "properties",
                                                JsonValue.from(Map.of("summary", Map.of("type", "string"))))
                                        .build())
                                .strict(false)
                                .build())
                        .build())
                .build();
    }

    private static List<ResponseInputItem> toolCallHistory(String callId) {
        List<ResponseInputItem> history = new ArrayList<>();
        history.add(question());
        history.add(ResponseInputItem.ofFunctionCall(com.openai.models.responses.ResponseFunctionToolCall.builder()
                .callId(callId)
                .name("get_weather")
                .arguments("{\"city\":\"Lisbon\"}")
                .build()));
        history.add(result(callId));
        return history;
    }

    /** The first reply's items sent back as they came, then the tool's result. */
    private static List<ResponseInputItem> sentBack(Response first, String callId) {
        List<ResponseInputItem> history = new ArrayList<>();
        history.add(question());
        for (ResponseOutputItem item : first.output()) {
            if (item.isReasoning()) {
                history.add(ResponseInputItem.ofReasoning(item.asReasoning()));
            } else if (item.isFunctionCall()) {
                history.add(ResponseInputItem.ofFunctionCall(item.asFunctionCall()));
            } else if (item.isMessage()) {
                history.add(ResponseInputItem.ofResponseOutputMessage(item.asMessage()));
            }
        }
        history.add(result(callId));
        return history;
    }

    private static ResponseInputItem question() {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER)
                .content("What is the weather in Lisbon?")
                .build());
    }

    private static ResponseInputItem result(String callId) {
        return ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(callId)
                .output("18 degrees and sunny")
                .build());
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder()
                .name("get_weather")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .strict(false)
                .build();
    }

    /** Anthropic's stream for signed thinking, then a call of the weather tool. */
    private static Answer anthropicThinkingToolCall() {
        String start = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":";
        String delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":";
        String stop = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":";
        return Answer.sse(
                List.of(
                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"up\","
                                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,"
                                + "\"output_tokens\":1}}}",
                        start + "0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
                        delta + "0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"" + THINKING + "\"}}",
                        delta + "0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"" + SIGNATURE + "\"}}",
                        stop + "0}",
                        start + "1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":"
                                + "\"get_weather\",\"input\":{}}}",
                        delta + "1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                                + "\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}",
                        stop + "1}",
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                                + "\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":40}}",
                        "event: message_stop\ndata: {\"type\":\"message_stop\"}"),
                Duration.ZERO);
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> which) {
        for (JsonNode element : array) {
            if (which.test(element)) {
                return element;
            }
        }
        throw new AssertionError("None matches in " + array);
    }

    private static JsonNode lastBody(UpstreamStandIn standIn) {
        return JSON.readTree(standIn.last().body());
    }
}
