package dev.tollgate.provider.openai;

import static dev.tollgate.provider.openai.ChannelFixture.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.UnsupportedFieldException;
import dev.tollgate.support.ResponsesReplies;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible channel marked as speaking the Responses API, against a stand-in that answers Responses
 * events: a Responses caller's body goes to {@code /responses} as sent (model, streaming, storage and the encrypted
 * reasoning it must hand back aside), and every upstream event comes back relayed, followed by what it means for
 * metering and for the reply's end. Chat callers, and channels without the mark, are served as before.
 */
class ResponsesRelayTests {

    static final ModelId MODEL = new ModelId("openai/chat");
    static final String UPSTREAM_MODEL = "gpt-upstream-chat";

    // what Codex sends, and more: a field the gateway does not know, a hosted tool, reasoning handed back encrypted
    static final String CALLER_BODY = """
            {"model":"openai/chat","instructions":"You are a coding agent.","stream":false,"store":true,
             "input":[
               {"type":"message","role":"developer","content":[{"type":"input_text","text":"Be brief."}]},
               {"type":"message","role":"user","content":[{"type":"input_text","text":"Fix the build"}]},
               {"type":"reasoning","id":"rs_prev","summary":[{"type":"summary_text","text":"Looked at pom.xml"}],
                "encrypted_content":"gAAAAABo-opaque-reasoning=="},
               {"type":"function_call","call_id":"call_1","name":"shell","arguments":"{\\"cmd\\":\\"mvn -q\\"}"},
               {"type":"function_call_output","call_id":"call_1","output":"BUILD SUCCESS"}],
             "tools":[{"type":"function","name":"shell","parameters":{"type":"object"},"strict":false},
                      {"type":"web_search"}],
             "tool_choice":"auto","parallel_tool_calls":true,
             "reasoning":{"effort":"medium","summary":"auto"},
             "include":["web_search_call.action.sources"],
             "prompt_cache_key":"session-42",
             "text":{"verbosity":"low"},
             "x_vendor_setting":{"keep":[1,2,3]}}""";

    final ChannelFixture fixture = ChannelFixture.speakingResponses(Duration.ofSeconds(5));

    @AfterEach
    void close() {
        fixture.close();
    }

    /** The request the door makes of a Responses call: its chat equivalent, and the body as the caller sent it. */
    static ChatRequest responsesRequest(ObjectNode body, List<ChatMessage> messages) {
        return new ChatRequest(
                MODEL,
                List.of(new TextPart("You are a coding agent.", false)),
                messages,
                List.of(),
                ToolChoice.AUTO,
                1024,
                null,
                List.of(),
                true,
                "team-1",
                new RequestExtras(
                        Dialect.OPENAI,
                        Map.of("prompt_cache_key", JSON.readTree("\"session-42\"")),
                        Map.of(RequestExtras.OPENAI_BETA, List.of("responses=experimental")),
                        body));
    }

    static ChatRequest responsesRequest() {
        return responsesRequest(callerBody(), List.of(ChatMessage.user("Fix the build")));
    }

    static ObjectNode callerBody() {
        return (ObjectNode) JSON.readTree(CALLER_BODY);
    }

    static List<ChatEvent> drain(ChatStream stream) {
        return OpenAiChatTests.drain(stream);
    }

    /** Each event as a line: relayed ones by their type, the others by what they carry. */
    static List<String> described(List<ChatEvent> events) {
        List<String> lines = new ArrayList<>();
        for (ChatEvent event : events) {
            lines.add(
                    switch (event) {
                        case ChatEvent.Relayed relayed ->
                            "relayed " + relayed.event().get("type").asString();
                        case ChatEvent.TextDelta text -> "text " + text.text();
                        case ChatEvent.ThinkingDelta thinking -> "thinking " + thinking.text();
                        case ChatEvent.ToolCallStarted started ->
                            "call " + started.index() + " " + started.id() + " " + started.name();
                        case ChatEvent.ToolCallArgumentsDelta arguments ->
                            "arguments " + arguments.index() + " " + arguments.jsonFragment();
                        case ChatEvent.Completed completed -> "completed " + completed.finishReason();
                        default -> event.toString();
                    });
        }
        return lines;
    }

    @Test
    void theCallersBodyGoesToResponsesAsSentButForModelStreamingStorageAndEncryptedReasoning() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .text("msg_1", "Done")
                        .completed(ResponsesReplies.usage(50, 0, 2, 0)));

        drain(fixture.channel.open(responsesRequest()));

        Received request = fixture.upstream.last();
        assertThat(request.path()).isEqualTo("/v1/responses");
        ChannelFixture.assertOnlyChannelCredential(request);
        assertThat(request.header("accept")).isEqualTo("text/event-stream");
        assertThat(request.header("openai-beta"))
                .as("the caller's beta header goes on as it does for chat")
                .isEqualTo("responses=experimental");
        ObjectNode expected = callerBody();
        expected.put("model", UPSTREAM_MODEL).put("stream", true).put("store", false);
        expected.withArray("include").add("reasoning.encrypted_content");
        assertThat(ChannelFixture.bodyOf(request))
                .as("everything else exactly as the caller sent it: unknown fields, hosted tools, reasoning items")
                .isEqualTo(expected);
    }

    @Test
    void encryptedReasoningIsAskedForOnceAndTheGatewaysResponseIdNeverLeaves() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .text("msg_1", "Done")
                        .completed(ResponsesReplies.usage(50, 0, 2, 0)));
        ObjectNode body = callerBody();
        body.putArray("include").add("reasoning.encrypted_content");
        body.put("previous_response_id", "resp_gateway_own_id");

        drain(fixture.channel.open(responsesRequest(body, List.of(ChatMessage.user("Fix the build")))));

        JsonNode sent = ChannelFixture.bodyOf(fixture.upstream.last());
        assertThat(sent.get("include")).hasSize(1);
        assertThat(sent.has("previous_response_id"))
                .as("the conversation is already written out as input; the id is the gateway's own")
                .isFalse();
        assertThat(fixture.upstream.last().bodyText()).doesNotContain("resp_gateway_own_id");
    }

    @Test
    void eachUpstreamEventIsRelayedFirstAndThenWhatItMeans() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .reasoning("rs_1", "gAAAAB-new-reasoning==", "Reading ", "the log")
                        .text("msg_1", "The build ", "passes.")
                        .completed(ResponsesReplies.usage(120, 0, 30, 12)));

        List<ChatEvent> events = drain(fixture.channel.open(responsesRequest()));

        assertThat(described(events))
                .containsExactly(
                        "relayed response.created",
                        "relayed response.in_progress",
                        "relayed response.output_item.added",
                        "relayed response.reasoning_summary_part.added",
                        "relayed response.reasoning_summary_text.delta",
                        "thinking Reading ",
                        "relayed response.reasoning_summary_text.delta",
                        "thinking the log",
                        "relayed response.reasoning_summary_text.done",
                        "relayed response.reasoning_summary_part.done",
                        "relayed response.output_item.done",
                        "relayed response.output_item.added",
                        "relayed response.content_part.added",
                        "relayed response.output_text.delta",
                        "text The build ",
                        "relayed response.output_text.delta",
                        "text passes.",
                        "relayed response.output_text.done",
                        "relayed response.content_part.done",
                        "relayed response.output_item.done",
                        "relayed response.completed",
                        "completed END_TURN");
        ChatEvent.Relayed reasoningDone = (ChatEvent.Relayed) events.get(10);
        assertThat(reasoningDone.event().at("/item/encrypted_content").asString())
                .as("relayed events are the upstream's own, encrypted reasoning included")
                .isEqualTo("gAAAAB-new-reasoning==");
        assertThat(reasoningDone.event().get("sequence_number").asInt()).isEqualTo(8);
    }

    @Test
    void functionCallsAreNumberedInOrderOfStartWithTheirCallIdsWhileHostedToolsAreOnlyRelayed() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .functionCall("fc_1", "call_weather", "get_weather", "{\"city\":", "\"Oslo\"}")
                        .webSearch("ws_1", "Oslo forecast")
                        .functionCall("fc_2", "call_time", "get_time", "{}")
                        .completed(ResponsesReplies.usage(80, 0, 40, 0)));

        List<ChatEvent> events = drain(fixture.channel.open(responsesRequest()));

        assertThat(described(events).stream()
                        .filter(line -> !line.startsWith("relayed"))
                        .toList())
                .containsExactly(
                        "call 0 call_weather get_weather",
                        "arguments 0 {\"city\":",
                        "arguments 0 \"Oslo\"}",
                        "call 1 call_time get_time",
                        "arguments 1 {}",
                        "completed TOOL_USE");
        assertThat(described(events))
                .as("the hosted tool's events reach the caller")
                .contains("relayed response.web_search_call.searching");
    }

    @Test
    void usageCountsCachedInputApartAndReasoningAsPartOfTheOutput() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .text("msg_1", "Hi")
                        .completed(ResponsesReplies.usage(1000, 600, 250, 200)));

        ChatEvent.Completed completed = (ChatEvent.Completed)
                drain(fixture.channel.open(responsesRequest())).getLast();

        assertThat(completed.usage()).isEqualTo(new TokenCounts(400, 250, 600, 0));
        assertThat(completed.reasoningTokens()).isEqualTo(200);
    }

    @Test
    void aReplyCutAtTheOutputCapEndsWithMaxTokensAndAFilteredOneEndsTheTurn() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .text("msg_1", "Once upon")
                        .incomplete("max_output_tokens", ResponsesReplies.usage(10, 0, 16, 0)),
                ResponsesReplies.reply("resp_up_2", UPSTREAM_MODEL)
                        .text("msg_1", "Well")
                        .incomplete("content_filter", ResponsesReplies.usage(10, 0, 1, 0)));

        List<ChatEvent> capped = drain(fixture.channel.open(responsesRequest()));
        List<ChatEvent> filtered = drain(fixture.channel.open(responsesRequest()));

        assertThat(described(capped)).endsWith("relayed response.incomplete", "completed MAX_TOKENS");
        assertThat(((ChatEvent.Completed) capped.getLast()).usage().output()).isEqualTo(16);
        assertThat(described(filtered)).endsWith("completed END_TURN");
    }

    @Test
    void withoutReportedUsageTheReplyIsEstimatedAsChatIs() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .text("msg_1", "Estimated words")
                        .completed(null));
        ChatRequest request = responsesRequest();

        ChatEvent.Completed completed =
                (ChatEvent.Completed) drain(fixture.channel.open(request)).getLast();

        assertThat(completed.usage().output()).isEqualTo(ChannelFixture.TOKENS.countText("Estimated words"));
        assertThat(completed.usage().input()).isEqualTo(ChannelFixture.TOKENS.countPrompt(request));
    }

    @Test
    void aChatCallerIsServedByChatCompletionsOnAChannelThatSpeaksResponses() {
        fixture.upstream.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Chat as ever", 5, 3));

        List<ChatEvent> events = drain(fixture.channel.open(OpenAiChatTests.request(List.of(ChatMessage.user("Hi")))));

        assertThat(fixture.upstream.last().path()).isEqualTo("/v1/chat/completions");
        assertThat(described(events)).containsExactly("text Chat as ever", "completed END_TURN");
    }

    @Test
    void aChannelWithoutTheMarkTranslatesAResponsesCallerToChatCompletions() {
        try (ChannelFixture chatOnly = new ChannelFixture()) {
            chatOnly.upstream.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Translated", 5, 1));

            List<ChatEvent> events = drain(chatOnly.channel.open(responsesRequest()));

            assertThat(chatOnly.upstream.last().path()).isEqualTo("/v1/chat/completions");
            JsonNode sent = ChannelFixture.bodyOf(chatOnly.upstream.last());
            assertThat(sent.get("model").asString()).isEqualTo(UPSTREAM_MODEL);
            assertThat(sent.has("input"))
                    .as("a Chat Completions body, not the caller's")
                    .isFalse();
            assertThat(sent.get("prompt_cache_key").asString()).isEqualTo("session-42");
            assertThat(described(events)).containsExactly("text Translated", "completed END_TURN");
        }
    }

    @Test
    void whatTheUpstreamJudgesIsAdmittedWhenRelayedAndRefusedWhenTranslated() {
        List<ChatMessage> history = List.of(
                ChatMessage.user("Fix the build"),
                new ChatMessage(ChatMessage.Role.ASSISTANT, List.of(ThinkingPart.redacted("gAAAA-opaque"))),
                ChatMessage.user("And now?"));
        ChatRequest request = responsesRequest(callerBody(), history);

        fixture.channel.admit(request);

        try (ChannelFixture chatOnly = new ChannelFixture()) {
            assertThatThrownBy(() -> chatOnly.channel.admit(request))
                    .as("a channel that translates still refuses what Chat Completions cannot carry")
                    .isInstanceOf(UnsupportedFieldException.class)
                    .hasMessageContaining("redacted_thinking");
        }
    }
}
