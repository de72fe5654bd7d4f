package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestImages;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/chat/completions} through the official OpenAI Java SDK, including its stream accumulator. */
@IntegrationTest
class OpenAiChatApiTests {

    private static final String MODEL = "aws/claude-haiku-4-5";

    @LocalServerPort
    int port;

    AdminApiClient admin;
    String teamId;
    OpenAIClient client;

    @BeforeEach
    void fundedTeamAndKey() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        teamId = admin.createFundedTeam("OpenAI chat", "10.00");
        client =
                client(admin.createKey(teamId, "{\"name\":\"chat\"}").get("key").asString());
    }

    @Test
    void answersAndReportsUsage() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("Tell me about lighthouses on rocky coasts")
                        .maxCompletionTokens(200)
                        .build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().message().content())
                .hasValueSatisfying(text -> assertThat(text).isNotBlank());
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(completion.id()).startsWith("chatcmpl-");
    }

    @Test
    void theSdkAccumulatesTheStreamIntoTheSameAnswer() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addSystemMessage("You are terse.")
                .addUserMessage("Explain how tides work")
                .maxCompletionTokens(300)
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        String whole = client.chat()
                .completions()
                .create(params)
                .choices()
                .getFirst()
                .message()
                .content()
                .orElseThrow();

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        int chunks = 0;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                accumulator.accumulate(chunk);
                chunks++;
            }
        }
        ChatCompletion streamed = accumulator.chatCompletion();

        assertThat(chunks).as("a stream, not one blob").isGreaterThan(3);
        assertThat(streamed.choices().getFirst().message().content()).contains(whole);
        assertThat(streamed.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(streamed.usage())
                .hasValueSatisfying(
                        usage -> assertThat(usage.completionTokens()).isPositive());
    }

    @Test
    void maxTokensCutsTheReplyWithFinishReasonLength() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("Write a long essay about the history of bridges")
                        .maxTokens(5)
                        .build());
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(5);
    }

    @Test
    void aForcedToolIsCalledWithValidArgumentsAndTheResultIsAnsweredInText() {
        ChatCompletionFunctionTool weather = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties",
                                        JsonValue.from(Map.of(
                                                "city", Map.of("type", "string"),
                                                "unit",
                                                        Map.of(
                                                                "type",
                                                                "string",
                                                                "enum",
                                                                List.of("celsius", "fahrenheit")))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city", "unit")))
                                .build())
                        .build())
                .build();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("What is the weather in Lisbon?")
                .addTool(weather)
                .toolChoice(ChatCompletionToolChoiceOption.ofNamedToolChoice(ChatCompletionNamedToolChoice.builder()
                        .function(ChatCompletionNamedToolChoice.Function.builder()
                                .name("get_weather")
                                .build())
                        .build()));

        ChatCompletion first = client.chat().completions().create(params.build());
        assertThat(first.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageToolCall call =
                first.choices().getFirst().message().toolCalls().orElseThrow().getFirst();
        JsonNode arguments = JsonMapper.builder()
                .build()
                .readTree(call.asFunction().function().arguments());
        assertThat(arguments.get("city").isString()).isTrue();
        assertThat(arguments.get("unit").asString()).isIn("celsius", "fahrenheit");

        ChatCompletion second = client.chat()
                .completions()
                .create(params.addMessage(first.choices().getFirst().message())
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(call.asFunction().id())
                                .content("18 degrees and sunny")
                                .build())
                        .toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO)
                        .build());
        assertThat(second.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(second.choices().getFirst().message().content())
                .hasValueSatisfying(text -> assertThat(text).contains("18 degrees and sunny"));
    }

    @Test
    void aStreamedToolCallAccumulatesIntoOneCall() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Look up order 42")
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder()
                                .name("lookup_order")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty(
                                                "properties",
                                                JsonValue.from(Map.of("order_id", Map.of("type", "integer"))))
                                        .putAdditionalProperty("required", JsonValue.from(List.of("order_id")))
                                        .build())
                                .build())
                        .build())
                .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
                .build();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion streamed = accumulator.chatCompletion();
        List<ChatCompletionMessageToolCall> calls =
                streamed.choices().getFirst().message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().asFunction().function().name()).isEqualTo("lookup_order");
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(calls.getFirst().asFunction().function().arguments())
                        .get("order_id")
                        .isIntegralNumber())
                .isTrue();
    }

    @Test
    void anImagePartIsAcceptedAndCounted() {
        ChatCompletion withImage = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessageOfArrayOfContentParts(List.of(
                                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                        .text("What is in this picture?")
                                        .build()),
                                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                                .url("data:image/png;base64," + TestImages.PIXEL_PNG)
                                                .build())
                                        .build())))
                        .build());
        ChatCompletion textOnly = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("What is in this picture?")
                        .build());
        assertThat(withImage.usage().orElseThrow().promptTokens())
                .as("the image adds prompt tokens")
                .isGreaterThan(textOnly.usage().orElseThrow().promptTokens() + 100);
    }

    @Test
    void badRequestsAreFourHundreds() {
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(MODEL)
                                .messages(List.of())
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages");
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("enterprise/image-2")
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("image model");
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(MODEL)
                                .addUserMessage("hi")
                                .temperature(7.0)
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("temperature");
    }

    @Test
    void anOutputCapAboveTheModelsLimitIsA400NamingTheLimitAndTheLimitItselfIsServed() {
        ChatCompletionCreateParams.Builder params =
                ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("Say exactly: fine");

        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params.maxCompletionTokens(64_001).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("64000");
                    assertThat(e.param()).hasValue("max_tokens");
                });
        assertThat(client.chat()
                        .completions()
                        .create(params.maxCompletionTokens(64_000).build())
                        .choices()
                        .getFirst()
                        .message()
                        .content())
                .hasValue("fine");
    }

    @Test
    void unknownModelsAre404AndForbiddenModels403() {
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("aws/gpt-17")
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOf(NotFoundException.class);
        OpenAIClient narrow = client(admin.createKey(teamId, "{\"name\":\"narrow\",\"models\":[\"aws/glm-5\"]}")
                .get("key")
                .asString());
        assertThatThrownBy(() -> narrow.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(MODEL)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        e -> assertThat(e.code()).contains("model_not_allowed"));
    }

    @Test
    void aTeamWithoutCreditGets402BeforeAnyUpstreamCall() {
        String broke = admin.createTeam("Broke " + UUID.randomUUID());
        OpenAIClient poor =
                client(admin.createKey(broke, "{\"name\":\"poor\"}").get("key").asString());
        assertThatThrownBy(() -> poor.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(MODEL)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOfSatisfying(UnexpectedStatusCodeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.code()).contains("insufficient_quota");
                });
    }

    @Test
    void aKeyWhoseBudgetIsSpentGets402WhileTheTeamStillHasCredit() {
        OpenAIClient capped = client(admin.createKey(teamId, "{\"name\":\"capped\",\"budget\":\"0.003\"}")
                .get("key")
                .asString());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Write a long essay about rivers")
                .maxCompletionTokens(500)
                .build();
        // haiku: a 500-token cap holds about 0.0025 of the 0.003 budget; after the first reply has spent some of it,
        // a 560-token cap (about 0.0028) no longer fits
        capped.chat().completions().create(params);
        ChatCompletionCreateParams bigger =
                params.toBuilder().maxCompletionTokens(560).build();
        assertThatThrownBy(() -> capped.chat().completions().create(bigger))
                .as("the rest of the budget cannot cover the next hold")
                .isInstanceOfSatisfying(UnexpectedStatusCodeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.code()).contains("key_budget_exceeded");
                });
        assertThat(client.chat().completions().create(params).choices())
                .as("other keys of the team go on")
                .hasSize(1);
    }

    @Test
    void aKeyOverItsRequestsPerMinuteGets429WithRetryAfter() {
        OpenAIClient limited = client(admin.createKey(teamId, "{\"name\":\"slow\",\"rpm\":1}")
                .get("key")
                .asString());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("hi")
                .build();
        limited.chat().completions().create(params);
        assertThatThrownBy(() -> limited.chat().completions().create(params))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after"))
                            .singleElement()
                            .satisfies(seconds ->
                                    assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
                });
    }

    @Test
    void aRevokedKeyIsRefused() {
        JsonNode created = admin.createKey(teamId, "{\"name\":\"gone\"}");
        admin.delete("/admin/v1/keys/" + created.get("id").asString());
        assertThatThrownBy(() -> client(created.get("key").asString())
                        .chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(MODEL)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOf(UnauthorizedException.class);
    }

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl("http://localhost:" + port + "/v1")
                .maxRetries(0)
                .build();
    }
}
