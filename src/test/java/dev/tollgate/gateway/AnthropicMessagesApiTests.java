package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.PaymentRequiredException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageContentParam;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoice;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestImages;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /v1/messages} through the official Anthropic Java SDK, including its stream accumulator. */
@IntegrationTest
class AnthropicMessagesApiTests {

    private static final String MODEL = "aws/claude-sonnet-4-6";

    @LocalServerPort
    int port;

    AdminApiClient admin;
    String teamId;
    AnthropicClient client;

    @BeforeEach
    void fundedTeamAndKey() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        teamId = admin.createFundedTeam("Anthropic chat", "10.00");
        client = client(
                admin.createKey(teamId, "{\"name\":\"messages\"}").get("key").asString());
    }

    @Test
    void answersWithASystemPromptAndReportsUsage() {
        Message message = client.messages()
                .create(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(300)
                        .system("You are a patient teacher.")
                        .addUserMessage("How do volcanoes form?")
                        .build());

        assertThat(message.id()).startsWith("msg_");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.content())
                .singleElement()
                .satisfies(
                        block -> assertThat(block.text().orElseThrow().text()).isNotBlank());
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void theSdkAccumulatesTheNamedEventStreamIntoTheSameMessage() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(300)
                .addUserMessage("Describe the water cycle")
                .build();
        String whole = client.messages()
                .create(params)
                .content()
                .getFirst()
                .text()
                .orElseThrow()
                .text();

        MessageAccumulator accumulator = MessageAccumulator.create();
        int events = 0;
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            for (RawMessageStreamEvent event : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
                accumulator.accumulate(event);
                events++;
            }
        }
        Message streamed = accumulator.message();

        assertThat(events).isGreaterThan(5);
        assertThat(streamed.content().getFirst().text().orElseThrow().text()).isEqualTo(whole);
        assertThat(streamed.stopReason()).contains(StopReason.END_TURN);
        assertThat(streamed.usage().outputTokens()).isPositive();
    }

    @Test
    void aForcedToolIsCalledAndItsResultAnsweredInBothModes() {
        Tool weather = Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of(
                                "city", Map.of("type", "string"),
                                "days", Map.of("type", "integer", "minimum", 1, "maximum", 7))))
                        .required(List.of("city", "days"))
                        .build())
                .build();
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(300)
                .addTool(weather)
                .toolChoice(ToolChoice.ofTool("get_weather"))
                .addUserMessage("Weather in Oslo for the weekend?");

        Message first = client.messages().create(params.build());
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock call = first.content().stream()
                .filter(ContentBlock::isToolUse)
                .findFirst()
                .orElseThrow()
                .toolUse()
                .orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        Map<?, ?> input = call._input().convert(Map.class);
        assertThat(input.get("city")).isInstanceOf(String.class);
        assertThat(((Number) input.get("days")).intValue()).isBetween(1, 7);

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params.build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.message().content().getLast().toolUse())
                .hasValueSatisfying(streamedCall ->
                        assertThat(streamedCall._input().convert(Map.class)).isEqualTo(input));

        Message answer = client.messages()
                .create(params.addMessage(first)
                        .addUserMessage(MessageContentParam.ofContentBlockParams(
                                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                        .toolUseId(call.id())
                                        .content("Snow, minus four")
                                        .build()))))
                        .toolChoice(ToolChoice.ofAuto(com.anthropic.models.messages.ToolChoiceAuto.builder()
                                .build()))
                        .build());
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        assertThat(answer.content().getFirst().text().orElseThrow().text()).contains("Snow, minus four");
    }

    @Test
    void aToolCallCutByMaxTokensEndsWithMaxTokensAndKeepsItsBlockInAWholeReply() {
        Tool notes = Tool.builder()
                .name("save_notes")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("text", Map.of("type", "string", "minLength", 400))))
                        .required(List.of("text"))
                        .build())
                .build();

        Message cut = client.messages()
                .create(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(5)
                        .addTool(notes)
                        .toolChoice(ToolChoice.ofTool("save_notes"))
                        .addUserMessage("Save my notes")
                        .build());

        assertThat(cut.stopReason()).contains(StopReason.MAX_TOKENS);
        ToolUseBlock call = cut.content().getLast().toolUse().orElseThrow();
        assertThat(call.name()).isEqualTo("save_notes");
        assertThat(call._input().convert(Map.class))
                .as("the cut arguments are no JSON object yet; the block keeps its place with an empty input")
                .isEmpty();
    }

    @Test
    void anImageBlockIsAccepted() {
        Message message = client.messages()
                .create(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(100)
                        .addUserMessage(MessageContentParam.ofContentBlockParams(List.of(
                                ContentBlockParam.ofImage(Base64ImageSource.builder()
                                        .mediaType(Base64ImageSource.MediaType.IMAGE_PNG)
                                        .data(TestImages.PIXEL_PNG)
                                        .build()),
                                ContentBlockParam.ofText("What do you see?"))))
                        .build());
        assertThat(message.usage().inputTokens()).isGreaterThan(258);
    }

    @Test
    void aLongPrefixMarkedForCachingIsWrittenOnceThenRead() {
        String manual = "Section. ".repeat(1500);
        MessageCreateParams params = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(50)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text(manual)
                        .cacheControl(CacheControlEphemeral.builder().build())
                        .build()))
                .addUserMessage("Summarise the manual")
                .build();

        Message first = client.messages().create(params);
        Message second = client.messages().create(params);

        assertThat(first.usage().cacheCreationInputTokens())
                .hasValueSatisfying(t -> assertThat(t).isGreaterThan(1024));
        assertThat(first.usage().cacheReadInputTokens()).contains(0L);
        assertThat(second.usage().cacheReadInputTokens())
                .isEqualTo(first.usage().cacheCreationInputTokens());
        assertThat(second.usage().cacheCreationInputTokens()).contains(0L);
        assertThat(second.usage().inputTokens()).isEqualTo(first.usage().inputTokens());
    }

    @Test
    void countsTokensLikeTheMessagesEndpointBills() {
        long counted = client.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model(Model.of(MODEL))
                        .addUserMessage("Say exactly: hello")
                        .build())
                .inputTokens();
        Message message = client.messages()
                .create(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(20)
                        .addUserMessage("Say exactly: hello")
                        .build());
        assertThat(counted).isEqualTo(message.usage().inputTokens());
    }

    @Test
    void errorsArriveAsTheSdksExceptionClasses() {
        assertThatThrownBy(() -> client.messages()
                        .create(MessageCreateParams.builder()
                                .model(MODEL)
                                .maxTokens(10)
                                .messages(List.of())
                                .build()))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.messages()
                        .create(MessageCreateParams.builder()
                                .model("aws/unknown-model")
                                .maxTokens(10)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOf(NotFoundException.class);
        AnthropicClient narrow = client(admin.createKey(teamId, "{\"name\":\"narrow\",\"models\":[\"aws/glm-5\"]}")
                .get("key")
                .asString());
        assertThatThrownBy(() -> narrow.messages()
                        .create(MessageCreateParams.builder()
                                .model(MODEL)
                                .maxTokens(10)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> client("vai-" + "0".repeat(40))
                        .messages()
                        .create(MessageCreateParams.builder()
                                .model(MODEL)
                                .maxTokens(10)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void maxTokensAboveTheModelsLimitIsAnInvalidRequestNamingTheLimit() {
        MessageCreateParams.Builder params =
                MessageCreateParams.builder().model(MODEL).addUserMessage("Say exactly: fine");

        assertThatThrownBy(
                        () -> client.messages().create(params.maxTokens(128_001).build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.getMessage())
                                .contains("invalid_request_error")
                                .contains("max_tokens")
                                .contains("128000"));
        assertThat(client.messages().create(params.maxTokens(128_000).build()).stopReason())
                .hasValue(StopReason.END_TURN);
    }

    @Test
    void noCreditIs402AndTooManyRequestsIs429() {
        String broke = admin.createTeam("Broke anthropic " + UUID.randomUUID());
        AnthropicClient poor =
                client(admin.createKey(broke, "{\"name\":\"poor\"}").get("key").asString());
        MessageCreateParams params = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(10)
                .addUserMessage("hi")
                .build();
        assertThatThrownBy(() -> poor.messages().create(params))
                .isInstanceOfSatisfying(
                        PaymentRequiredException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(402));

        AnthropicClient limited = client(admin.createKey(teamId, "{\"name\":\"slow\",\"rpm\":1}")
                .get("key")
                .asString());
        limited.messages().create(params);
        assertThatThrownBy(() -> limited.messages().create(params))
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).isNotEmpty());
    }

    private AnthropicClient client(String key) {
        return AnthropicClients.forKey(port, key);
    }
}
