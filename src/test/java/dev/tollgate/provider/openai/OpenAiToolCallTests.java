package dev.tollgate.provider.openai;

import static dev.tollgate.provider.openai.ChannelFixture.bodyOf;
import static dev.tollgate.provider.openai.OpenAiChatTests.MODEL;
import static dev.tollgate.provider.openai.OpenAiChatTests.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiToolCallTests {

    static final JsonNode WEATHER_SCHEMA = ChannelFixture.JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Current weather", WEATHER_SCHEMA, false);
    static final ToolDefinition TIME = new ToolDefinition(
            "get_time", null, ChannelFixture.JSON.readTree("{\"type\":\"object\",\"properties\":{}}"), false);

    final ChannelFixture fixture = new ChannelFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    static ChatRequest withTools(List<ChatMessage> messages, ToolChoice choice) {
        return new ChatRequest(
                MODEL, List.of(), messages, List.of(WEATHER, TIME), choice, 200, null, List.of(), true, "team-1");
    }

    void answerPlainly() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("stop", 5, 1, 0, "Ok"), Duration.ZERO));
    }

    @Test
    void toolsGoAsFunctionsWithTheirSchemas() {
        answerPlainly();

        drain(fixture.channel.open(withTools(List.of(ChatMessage.user("Weather?")), ToolChoice.AUTO)));

        JsonNode body = bodyOf(fixture.upstream.last());
        assertThat(body.path("tools").toString())
                .isEqualTo("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"description\":\"Current weather\",\"parameters\":" + WEATHER_SCHEMA + "}},"
                        + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\","
                        + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]");
        assertThat(body.path("tool_choice").asString()).isEqualTo("auto");
    }

    @Test
    void everyToolChoiceModeIsSentInOpenAiTerms() {
        answerPlainly();

        for (ToolChoice choice : List.of(ToolChoice.NONE, ToolChoice.REQUIRED, ToolChoice.named("get_time"))) {
            drain(fixture.channel.open(withTools(List.of(ChatMessage.user("Hi")), choice)));
        }

        List<String> sent = fixture.upstream.received("POST", "/v1/chat/completions").stream()
                .map(request -> bodyOf(request).path("tool_choice").toString())
                .toList();
        assertThat(sent)
                .containsExactly(
                        "\"none\"", "\"required\"", "{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}");
    }

    @Test
    void aStreamedToolCallStartsOnceThenGetsItsArgumentFragments() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(
                        List.of(
                                Chunks.toolCallStart(0, "call_abc", "get_weather"),
                                Chunks.toolCallArguments(0, "{\"city\":"),
                                Chunks.toolCallArguments(0, "\"Paris\"}"),
                                Chunks.finish("tool_calls"),
                                Chunks.usage(60, 15, 0),
                                Chunks.done()),
                        Duration.ofMillis(10)));

        List<ChatEvent> events =
                drain(fixture.channel.open(withTools(List.of(ChatMessage.user("Paris?")), ToolChoice.AUTO)));

        assertThat(events)
                .containsExactly(
                        new ChatEvent.ToolCallStarted(0, "call_abc", "get_weather"),
                        new ChatEvent.ToolCallArgumentsDelta(0, "{\"city\":"),
                        new ChatEvent.ToolCallArgumentsDelta(0, "\"Paris\"}"),
                        new ChatEvent.Completed(FinishReason.TOOL_USE, null, new TokenCounts(60, 15, 0, 0)));
    }

    @Test
    void parallelToolCallsAreNumberedInTheOrderTheyStart() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(
                        List.of(
                                Chunks.text("Checking."),
                                Chunks.toolCallStart(0, "call_1", "get_weather"),
                                Chunks.toolCallArguments(0, "{\"city\":\"Oslo\"}"),
                                Chunks.toolCallStart(1, "call_2", "get_time"),
                                Chunks.toolCallArguments(1, "{}"),
                                Chunks.finish("tool_calls"),
                                Chunks.done()),
                        Duration.ZERO));

        List<ChatEvent> events =
                drain(fixture.channel.open(withTools(List.of(ChatMessage.user("Oslo")), ToolChoice.AUTO)));

        assertThat(events.subList(0, 5))
                .containsExactly(
                        new ChatEvent.TextDelta("Checking."),
                        new ChatEvent.ToolCallStarted(0, "call_1", "get_weather"),
                        new ChatEvent.ToolCallArgumentsDelta(0, "{\"city\":\"Oslo\"}"),
                        new ChatEvent.ToolCallStarted(1, "call_2", "get_time"),
                        new ChatEvent.ToolCallArgumentsDelta(1, "{}"));
        assertThat(((ChatEvent.Completed) events.getLast()).finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }

    @Test
    void aToolCallTheServerEndsWithStopStillEndsInToolUse() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(
                        List.of(
                                Chunks.toolCallStart(0, "call_1", "get_time"),
                                Chunks.toolCallArguments(0, "{}"),
                                Chunks.finish("stop"),
                                Chunks.done()),
                        Duration.ZERO));

        List<ChatEvent> events =
                drain(fixture.channel.open(withTools(List.of(ChatMessage.user("t")), ToolChoice.AUTO)));

        assertThat(((ChatEvent.Completed) events.getLast()).finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }

    @Test
    void toolCallsAndResultsInTheHistoryGoAsToolCallsAndToolMessages() {
        answerPlainly();
        List<ChatMessage> history = List.of(
                ChatMessage.user("Weather in Paris and the time?"),
                new ChatMessage(
                        ChatMessage.Role.ASSISTANT,
                        List.of(
                                new TextPart("Let me check.", false),
                                new ToolCallPart("call_1", "get_weather", "{\"city\":\"Paris\"}", false),
                                new ToolCallPart("call_2", "get_time", "{}", false))),
                new ChatMessage(
                        ChatMessage.Role.USER,
                        List.of(
                                new ToolResultPart("call_1", "18°C, clear", false, false),
                                new ToolResultPart("call_2", "clock unavailable", true, false),
                                new TextPart("Thanks!", false))));

        drain(fixture.channel.open(withTools(history, ToolChoice.AUTO)));

        JsonNode messages = bodyOf(fixture.upstream.last()).path("messages");
        assertThat(messages.path(1).toString())
                .isEqualTo("{\"role\":\"assistant\",\"content\":\"Let me check.\",\"tool_calls\":["
                        + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},"
                        + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"get_time\","
                        + "\"arguments\":\"{}\"}}]}");
        assertThat(messages.path(2).toString())
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18°C, clear\"}");
        assertThat(messages.path(3).toString())
                .as("a failed tool's result says so, the format having no error flag")
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":\"Error: clock unavailable\"}");
        assertThat(messages.path(4).toString()).isEqualTo("{\"role\":\"user\",\"content\":\"Thanks!\"}");
        assertThat(messages.size()).isEqualTo(5);
    }

    @Test
    void anAssistantTurnOfOnlyToolCallsHasNullContent() {
        answerPlainly();
        List<ChatMessage> history = List.of(
                ChatMessage.user("Time?"),
                new ChatMessage(
                        ChatMessage.Role.ASSISTANT, List.of(new ToolCallPart("call_9", "get_time", "{}", false))),
                new ChatMessage(ChatMessage.Role.USER, List.of(new ToolResultPart("call_9", "noon", false, false))));

        drain(fixture.channel.open(withTools(history, ToolChoice.AUTO)));

        JsonNode assistant = bodyOf(fixture.upstream.last()).path("messages").path(1);
        assertThat(assistant.get("content").isNull()).isTrue();
        assertThat(assistant.path("tool_calls").path(0).path("id").asString()).isEqualTo("call_9");
    }

    @Test
    void toolCallsStreamedWithoutIndexesAreTakenOnePerNamedFragment() {
        // some compatible servers send each call whole, without an index
        String calls = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}},{\"id\":\"b\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}]}";
        fixture.upstream.on("POST", "/v1/chat/completions", Answer.sse(List.of(calls, Chunks.done()), Duration.ZERO));

        List<ChatEvent> events =
                drain(fixture.channel.open(withTools(List.of(ChatMessage.user("Rome")), ToolChoice.AUTO)));

        assertThat(events.subList(0, 4))
                .containsExactly(
                        new ChatEvent.ToolCallStarted(0, "a", "get_weather"),
                        new ChatEvent.ToolCallArgumentsDelta(0, "{\"city\":\"Rome\"}"),
                        new ChatEvent.ToolCallStarted(1, "b", "get_time"),
                        new ChatEvent.ToolCallArgumentsDelta(1, "{}"));
    }
}
