package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
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
 * Thinking from real upstreams reaches the caller as the upstream sent it, and goes back to the upstream in the next
 * turn's history as the caller echoed it: Anthropic's thinking and redacted_thinking blocks with their signatures, and
 * an OpenAI-compatible upstream's {@code reasoning_content} with its reasoning tokens, billed once as output.
 */
@IntegrationTest
class UpstreamThinkingTests {

    private static final String ANTHROPIC_MODEL = "aws/claude-opus-4-5";
    private static final String OPENAI_MODEL = "aws/glm-5";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String THINKING = "The user wants 2+2. That is 4.";
    private static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/=";
    private static final String REDACTED = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP";

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    TestChannels channels;
    UpstreamStandIn anthropicUpstream;
    UpstreamStandIn openAiUpstream;
    FundedTeam team;
    AnthropicClient anthropic;

    @BeforeEach
    void upstreamsOfBothDialects() {
        channels = new TestChannels(channelService, actors);
        anthropicUpstream = new UpstreamStandIn().on("POST", "/v1/messages", anthropicThinkingReply());
        openAiUpstream = new UpstreamStandIn().on("POST", "/v1/chat/completions", openAiReasoningReply());
        channels.add(
                "thinking-anthropic",
                ChannelKind.ANTHROPIC,
                anthropicUpstream.baseUrl("/v1"),
                "sk-a",
                Map.of(ANTHROPIC_MODEL, "up-anthropic"),
                0);
        channels.add(
                "thinking-openai",
                ChannelKind.OPENAI_COMPATIBLE,
                openAiUpstream.baseUrl("/v1"),
                "sk-o",
                Map.of(OPENAI_MODEL, "up-openai"),
                0);
        team = FundedTeam.create(port, "Upstream thinking", "10.00");
        anthropic = AnthropicClients.forKey(port, team.key());
    }

    @AfterEach
    void removeChannels() {
        channels.removeAll();
        anthropicUpstream.close();
        openAiUpstream.close();
    }

    @Test
    void anthropicThinkingAndRedactedThinkingReachTheCallerVerbatimWholeAndStreamed() {
        MessageCreateParams params = ask(ANTHROPIC_MODEL).build();

        Message whole = anthropic.messages().create(params);
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        for (Message message : List.of(whole, accumulator.message())) {
            assertThat(message.content()).hasSize(3);
            assertThat(message.content().get(0).asThinking().thinking()).isEqualTo(THINKING);
            assertThat(message.content().get(0).asThinking().signature())
                    .as("the signature exactly as the upstream issued it")
                    .isEqualTo(SIGNATURE);
            assertThat(message.content().get(1).asRedactedThinking().data())
                    .as("redacted thinking keeps its data")
                    .isEqualTo(REDACTED);
            assertThat(message.content().get(2).asText().text()).isEqualTo("4");
        }
    }

    @Test
    void thinkingEchoedInTheHistoryReachesTheAnthropicUpstreamAsTheCallerSentIt() {
        Message first = anthropic.messages().create(ask(ANTHROPIC_MODEL).build());

        anthropic
                .messages()
                .create(ask(ANTHROPIC_MODEL)
                        .addMessage(first)
                        .addUserMessage("And 4+4?")
                        .build());

        JsonNode assistant = body(anthropicUpstream.last()).path("messages").path(1);
        assertThat(assistant.path("content").path(0))
                .as("the thinking block goes back with its text and signature unchanged")
                .isEqualTo(JSON.readTree("{\"type\":\"thinking\",\"thinking\":\"" + THINKING + "\",\"signature\":\""
                        + SIGNATURE + "\"}"));
        assertThat(assistant.path("content").path(1))
                .as("the redacted block goes back with its data unchanged")
                .isEqualTo(JSON.readTree("{\"type\":\"redacted_thinking\",\"data\":\"" + REDACTED + "\"}"));
        assertThat(anthropicUpstream.last().bodyText())
                .as("the signature's characters are not escaped or re-encoded on the way")
                .contains("\"signature\":\"" + SIGNATURE + "\"");
    }

    @Test
    void reasoningContentAndReasoningTokensFromAnOpenAiCompatibleUpstreamReachTheCallerAndAreBilledOnce() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(OPENAI_MODEL)
                .maxCompletionTokens(200)
                .reasoningEffort(ReasoningEffort.HIGH)
                .addUserMessage("2+2?")
                .build();

        ChatCompletion whole = team.client().chat().completions().create(params);
        StringBuilder streamed = new StringBuilder();
        try (var stream = team.client().chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunk.choices().forEach(choice -> {
                    var reasoning = choice.delta()._additionalProperties().get("reasoning_content");
                    if (reasoning != null) {
                        streamed.append(reasoning.asStringOrThrow());
                    }
                });
            }
        }

        assertThat(whole.choices()
                        .getFirst()
                        .message()
                        ._additionalProperties()
                        .get("reasoning_content")
                        .asStringOrThrow())
                .isEqualTo(THINKING);
        assertThat(streamed.toString()).isEqualTo(THINKING);
        assertThat(body(openAiUpstream.last()).path("reasoning_effort").asString())
                .as("reasoning_effort passes through to an upstream of the caller's dialect")
                .isEqualTo("high");
        var usage = whole.usage().orElseThrow();
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens())
                .contains(7L);
        assertThat(usage.completionTokens()).isEqualTo(9);
        List<Long> billed = jdbc.sql("select output_tokens from usage_record where team_id = ?::uuid")
                .param(team.id())
                .query(Long.class)
                .list();
        assertThat(billed)
                .as("completion_tokens already include the reasoning tokens: billed as output once, not twice")
                .containsExactly(9L, 9L);
    }

    @Test
    void thinkingEchoedToAnOpenAiCompatibleUpstreamGoesAsReasoningContentAndRedactedThinkingIsRefused() {
        Message first = anthropic.messages().create(ask(ANTHROPIC_MODEL).build());
        Message withoutRedacted = first.toBuilder()
                .content(List.of(first.content().get(0), first.content().get(2)))
                .build();

        anthropic
                .messages()
                .create(ask(OPENAI_MODEL)
                        .addMessage(withoutRedacted)
                        .addUserMessage("And 4+4?")
                        .build());

        JsonNode assistant = body(openAiUpstream.last()).path("messages").path(1);
        assertThat(assistant.path("reasoning_content").asString())
                .as("readable thinking goes back as reasoning_content")
                .isEqualTo(THINKING);
        assertThat(assistant.path("content").asString()).isEqualTo("4");

        int sent = openAiUpstream.received().size();
        assertThatThrownBy(() -> anthropic
                        .messages()
                        .create(ask(OPENAI_MODEL)
                                .addMessage(first)
                                .addUserMessage("And 4+4?")
                                .build()))
                .as("encrypted thinking cannot be carried, so it is refused by name rather than dropped")
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages.1.content.1")
                .hasMessageContaining("redacted_thinking");
        assertThat(openAiUpstream.received()).as("nothing was sent").hasSize(sent);
    }

    @Test
    void reasoningContentEchoedByAnOpenAiCallerReachesAnOpenAiCompatibleUpstreamAndStaysAwayFromAnthropic() {
        ChatCompletionAssistantMessageParam echoed = ChatCompletionAssistantMessageParam.builder()
                .content("4")
                .putAdditionalProperty("reasoning_content", com.openai.core.JsonValue.from(THINKING))
                .build();

        for (String model : List.of(OPENAI_MODEL, ANTHROPIC_MODEL)) {
            team.client()
                    .chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model(model)
                            .maxCompletionTokens(200)
                            .addUserMessage("2+2?")
                            .addMessage(echoed)
                            .addUserMessage("And 4+4?")
                            .build());
        }

        assertThat(body(openAiUpstream.last())
                        .path("messages")
                        .path(1)
                        .path("reasoning_content")
                        .asString())
                .as("the caller's reasoning_content reaches an upstream of its dialect as sent")
                .isEqualTo(THINKING);
        assertThat(body(anthropicUpstream.last()).path("messages").path(1).path("content"))
                .as("unsigned reasoning would be refused by Anthropic, which ignores earlier turns' thinking anyway")
                .isEqualTo(JSON.readTree("[{\"type\":\"text\",\"text\":\"4\"}]"));
    }

    private static MessageCreateParams.Builder ask(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(2048).addUserMessage("2+2?");
    }

    private static JsonNode body(UpstreamStandIn.Received received) {
        return JSON.readTree(received.body());
    }

    private static Answer anthropicThinkingReply() {
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
                        delta + "0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"The user wants 2+2.\"}}",
                        delta + "0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\" That is 4.\"}}",
                        delta + "0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"" + SIGNATURE + "\"}}",
                        stop + "0}",
                        start + "1,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"" + REDACTED + "\"}}",
                        stop + "1}",
                        start + "2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                        delta + "2,\"delta\":{\"type\":\"text_delta\",\"text\":\"4\"}}",
                        stop + "2}",
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                                + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":40}}",
                        "event: message_stop\ndata: {\"type\":\"message_stop\"}"),
                Duration.ZERO);
    }

    private static Answer openAiReasoningReply() {
        String chunk = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",";
        return Answer.sse(
                List.of(
                        chunk + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                                + "\"reasoning_content\":\"The user wants 2+2.\"},\"finish_reason\":null}]}",
                        chunk + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\" That is 4.\"},"
                                + "\"finish_reason\":null}]}",
                        chunk + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"4\"},\"finish_reason\":null}]}",
                        chunk + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                        chunk + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9,"
                                + "\"total_tokens\":18,\"completion_tokens_details\":{\"reasoning_tokens\":7}}}",
                        "data: [DONE]"),
                Duration.ZERO);
    }
}
