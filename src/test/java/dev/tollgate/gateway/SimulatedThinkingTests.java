package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageContentParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulator thinks when asked, through the official SDKs: a signed thinking block before the answer (Anthropic) or
 * {@code reasoning_content} with reasoning tokens (OpenAI), billed as output; thinking echoed back is checked.
 */
@IntegrationTest
class SimulatedThinkingTests {

    private static final String MODEL = "aws/claude-sonnet-4-6";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    FundedTeam team;
    AnthropicClient anthropic;

    @BeforeEach
    void fundedTeam() {
        team = FundedTeam.create(port, "Thinking", "10.00");
        anthropic = AnthropicClients.forKey(port, team.key());
    }

    @Test
    void aWholeReplyStartsWithSignedThinkingAndBillsItAsOutput() {
        Message message = anthropic
                .messages()
                .create(thinkingParams("How do volcanoes form?").build());

        assertThat(message.content()).as("thinking first, then the answer").hasSizeGreaterThanOrEqualTo(2);
        ThinkingBlock thinking = message.content().getFirst().thinking().orElseThrow();
        assertThat(thinking.thinking()).as("the thinking is about the prompt").contains("volcanoes");
        assertThat(thinking.signature()).as("every thinking block is signed").isNotBlank();
        assertThat(message.content().get(1).text().orElseThrow().text()).isNotBlank();
        long billedOutput = jdbc.sql("select output_tokens from usage_record where team_id = ?::uuid")
                .param(team.id())
                .query(Long.class)
                .single();
        assertThat(billedOutput)
                .as("thinking and answer are both output, counted once")
                .isEqualTo(message.usage().outputTokens())
                .isGreaterThan(
                        tokensOf(message.content().get(1).text().orElseThrow().text()));
    }

    @Test
    void thinkingStaysWithinItsBudget() {
        Message message = anthropic
                .messages()
                .create(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(300)
                        .enabledThinking(8)
                        .addUserMessage("Explain how tides work in detail")
                        .build());

        String thinking = message.content().getFirst().thinking().orElseThrow().thinking();
        assertThat(tokensOf(thinking)).as("at most budget_tokens of thinking").isBetween(1L, 8L);
    }

    @Test
    void theSdkAccumulatesStreamedThinkingAndSignatureIntoTheWholeReply() {
        MessageCreateParams params = thinkingParams("Describe the water cycle").build();
        Message whole = anthropic.messages().create(params);

        MessageAccumulator accumulator = MessageAccumulator.create();
        long thinkingDeltas = 0;
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            for (RawMessageStreamEvent event : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
                accumulator.accumulate(event);
                if (event.contentBlockDelta()
                        .flatMap(delta -> delta.delta().thinking())
                        .isPresent()) {
                    thinkingDeltas++;
                }
            }
        }
        Message streamed = accumulator.message();

        assertThat(thinkingDeltas).as("thinking streams token by token").isGreaterThan(3);
        assertThat(streamed.content().getFirst().thinking())
                .as("the accumulated thinking block, signature included, is the whole reply's")
                .isEqualTo(whole.content().getFirst().thinking());
        assertThat(streamed.content().get(1).text())
                .isEqualTo(whole.content().get(1).text());
    }

    @Test
    void signedThinkingRoundTripsThroughAToolUseConversation() {
        MessageCreateParams.Builder params =
                thinkingParams("Weather in Oslo? Use get_weather").addTool(weather());
        Message first = anthropic.messages().create(params.build());
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(first.content().getFirst().isThinking()).isTrue();
        ToolUseBlock call = first.content().stream()
                .filter(ContentBlock::isToolUse)
                .findFirst()
                .orElseThrow()
                .asToolUse();

        Message answer = anthropic
                .messages()
                .create(params.addMessage(first)
                        .addUserMessage(MessageContentParam.ofContentBlockParams(
                                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                        .toolUseId(call.id())
                                        .content("Snow, minus four")
                                        .build()))))
                        .build());

        assertThat(answer.stopReason()).as("the echoed thinking is accepted").contains(StopReason.END_TURN);
        assertThat(answer.content().getLast().text().orElseThrow().text()).contains("Snow, minus four");
    }

    @Test
    void tamperedThinkingIsRefusedWithAnthropicsError() {
        Message first = anthropic
                .messages()
                .create(thinkingParams("Why is the sky blue?").build());
        ThinkingBlock thinking = first.content().getFirst().asThinking();
        MessageCreateParams tampered = thinkingParams("Why is the sky blue?")
                .addAssistantMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofThinking(ThinkingBlockParam.builder()
                                .thinking(thinking.thinking() + " And the answer is green.")
                                .signature(thinking.signature())
                                .build()),
                        ContentBlockParam.ofText(
                                TextBlockParam.builder().text("Rayleigh").build())))
                .addUserMessage("Go on")
                .build();

        assertThatThrownBy(() -> anthropic.messages().create(tampered))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages.1.content.0: Invalid `signature` in `thinking` block");
        assertThat(jdbc.sql("select count(*) from usage_record where team_id = ?::uuid")
                        .param(team.id())
                        .query(Long.class)
                        .single())
                .as("refused before anything is held or billed; only the first turn was")
                .isEqualTo(1);
    }

    @Test
    void anOpenAiCallerAskingForReasoningGetsReasoningContentAndReasoningTokens() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .maxCompletionTokens(400)
                .reasoningEffort(ReasoningEffort.LOW)
                .addUserMessage("How do volcanoes form?")
                .build();

        ChatCompletion completion = team.client().chat().completions().create(params);

        var message = completion.choices().getFirst().message();
        String reasoning =
                message._additionalProperties().get("reasoning_content").asStringOrThrow();
        assertThat(reasoning).as("the thinking as reasoning_content").contains("volcanoes");
        var usage = completion.usage().orElseThrow();
        long reasoningTokens =
                usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow();
        assertThat(reasoningTokens).as("reasoning tokens reported").isEqualTo(tokensOf(reasoning));
        assertThat(usage.completionTokens())
                .as("reasoning tokens are inside completion_tokens, with the answer")
                .isEqualTo(reasoningTokens + tokensOf(message.content().orElseThrow()));

        StringBuilder streamedReasoning = new StringBuilder();
        try (var stream = team.client()
                .chat()
                .completions()
                .createStreaming(params.toBuilder()
                        .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunk.choices().stream()
                        .map(choice -> choice.delta()._additionalProperties().get("reasoning_content"))
                        .filter(value -> value != null)
                        .forEach(value -> streamedReasoning.append(value.asStringOrThrow()));
            }
        }
        assertThat(streamedReasoning.toString())
                .as("streamed as delta.reasoning_content")
                .isEqualTo(reasoning);
    }

    private static MessageCreateParams.Builder thinkingParams(String question) {
        return MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(2048)
                .enabledThinking(1024)
                .addUserMessage(question);
    }

    private static Tool weather() {
        return Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city"))
                        .build())
                .build();
    }

    private static long tokensOf(String text) {
        return new dev.tollgate.provider.tokens.JtokkitTokenCounter().countText(text);
    }
}
