package dev.tollgate.provider.anthropic;

import static dev.tollgate.provider.anthropic.AnthropicFixture.asking;
import static dev.tollgate.provider.anthropic.AnthropicFixture.completed;
import static dev.tollgate.provider.anthropic.AnthropicFixture.text;
import static dev.tollgate.provider.anthropic.RecordedEvents.blockStop;
import static dev.tollgate.provider.anthropic.RecordedEvents.inputJsonDelta;
import static dev.tollgate.provider.anthropic.RecordedEvents.messageDelta;
import static dev.tollgate.provider.anthropic.RecordedEvents.messageStart;
import static dev.tollgate.provider.anthropic.RecordedEvents.messageStop;
import static dev.tollgate.provider.anthropic.RecordedEvents.textDelta;
import static dev.tollgate.provider.anthropic.RecordedEvents.textStart;
import static dev.tollgate.provider.anthropic.RecordedEvents.toolUseStart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.FinishReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** What the channel makes of Anthropic's stream events: text, tool calls, the finish reason and the usage. */
class AnthropicStreamTests {

    private final AnthropicFixture anthropic = new AnthropicFixture();

    @AfterEach
    void stopUpstream() {
        anthropic.close();
    }

    @Test
    void streamsTextAndCompletesWithTheReportedUsage() {
        anthropic.streams(RecordedEvents.hello());

        List<ChatEvent> events = anthropic.drain(asking("Hello"));

        assertThat(events)
                .as("pings, block starts and stops make no events")
                .containsExactly(
                        new ChatEvent.TextDelta("Hello"),
                        new ChatEvent.TextDelta("!"),
                        new ChatEvent.Completed(FinishReason.END_TURN, null, new TokenCounts(25, 15, 0, 0)));
    }

    @Test
    void passesEventsOnAsTheyArriveWithUsageEstimatedUntilReported() throws Exception {
        Duration pause = Duration.ofMillis(120);
        anthropic.streams(RecordedEvents.hello(), pause);
        ChatRequest request = asking("Hello");

        try (ChatStream stream = anthropic.channel.open(request)) {
            TokenCounts beforeAnything = stream.usageSoFar();
            ChatEvent first = stream.next();
            long firstAt = System.nanoTime();
            TokenCounts afterFirst = stream.usageSoFar();
            ChatEvent event = first;
            while (stream.hasNext()) {
                event = stream.next();
            }
            long lastAt = System.nanoTime();

            assertThat(beforeAnything)
                    .as("before the upstream reports, the prompt is estimated and nothing is output")
                    .isEqualTo(new TokenCounts(anthropic.tokens.countPrompt(request), 0, 0, 0));
            assertThat(first).isEqualTo(new ChatEvent.TextDelta("Hello"));
            assertThat(afterFirst)
                    .as("message_start's input count, and output estimated from the text so far")
                    .isEqualTo(new TokenCounts(25, anthropic.tokens.countText("Hello"), 0, 0));
            assertThat(Duration.ofNanos(lastAt - firstAt))
                    .as("the first text was passed on while the upstream was still streaming")
                    .isGreaterThanOrEqualTo(pause.multipliedBy(3));
            assertThat(event).isInstanceOf(ChatEvent.Completed.class);
            assertThat(stream.usageSoFar())
                    .as("the reported output replaces the estimate")
                    .isEqualTo(new TokenCounts(25, 15, 0, 0));
            assertThat(stream.hasNext()).as("nothing follows Completed").isFalse();
        }
    }

    @Test
    void streamsAToolCallAfterTextNumberedAmongToolCalls() {
        anthropic.streams(RecordedEvents.weatherToolUse());

        List<ChatEvent> events = anthropic.drain(asking("Weather in San Francisco?"));

        assertThat(text(events)).isEqualTo("Okay, let's check the weather for San Francisco, CA:");
        assertThat(events)
                .filteredOn(ChatEvent.ToolCallStarted.class::isInstance)
                .as("the tool_use block is content block 1 but tool call 0")
                .containsExactly(new ChatEvent.ToolCallStarted(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"));
        List<ChatEvent.ToolCallArgumentsDelta> fragments = events.stream()
                .filter(ChatEvent.ToolCallArgumentsDelta.class::isInstance)
                .map(ChatEvent.ToolCallArgumentsDelta.class::cast)
                .toList();
        assertThat(fragments)
                .as("the empty opening fragment is dropped")
                .hasSize(5)
                .allMatch(f -> f.index() == 0);
        String arguments = String.join(
                "",
                fragments.stream()
                        .map(ChatEvent.ToolCallArgumentsDelta::jsonFragment)
                        .toList());
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(arguments)
                        .path("location")
                        .asString())
                .isEqualTo("San Francisco, CA");
        assertThat(events.indexOf(new ChatEvent.ToolCallStarted(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather")))
                .as("a call starts before its arguments")
                .isLessThan(events.indexOf(fragments.getFirst()));
        assertThat(completed(events))
                .isEqualTo(new ChatEvent.Completed(FinishReason.TOOL_USE, null, new TokenCounts(472, 89, 0, 0)));
    }

    @Test
    void numbersParallelToolCallsInOrderWithTextBetweenThem() {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 300, \"output_tokens\": 1}"),
                toolUseStart(0, "toolu_01A", "get_weather"),
                inputJsonDelta(0, "{\\\"location\\\": \\\"Paris\\\"}"),
                blockStop(0),
                textStart(1),
                textDelta(1, "And the time:"),
                blockStop(1),
                toolUseStart(2, "toolu_01B", "get_time"),
                inputJsonDelta(2, "{\\\"zone\\\": \\\"CET\\\"}"),
                blockStop(2),
                messageDelta("tool_use", "null", "{\"output_tokens\": 60}"),
                messageStop()));

        List<ChatEvent> events = anthropic.drain(asking("Weather and time in Paris?"));

        assertThat(events.subList(0, events.size() - 1))
                .containsExactly(
                        new ChatEvent.ToolCallStarted(0, "toolu_01A", "get_weather"),
                        new ChatEvent.ToolCallArgumentsDelta(0, "{\"location\": \"Paris\"}"),
                        new ChatEvent.TextDelta("And the time:"),
                        new ChatEvent.ToolCallStarted(1, "toolu_01B", "get_time"),
                        new ChatEvent.ToolCallArgumentsDelta(1, "{\"zone\": \"CET\"}"));
        assertThat(completed(events).finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }

    @Test
    void passesThinkingOnWithItsSignatureBeforeTheReply() {
        anthropic.streams(RecordedEvents.thinkingThenText());

        List<ChatEvent> events = anthropic.drain(asking("GCD of 1071 and 462?"));

        assertThat(events)
                .containsExactly(
                        new ChatEvent.ThinkingDelta("I need to find the GCD of 1071 and 462."),
                        new ChatEvent.ThinkingSigned("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                        new ChatEvent.TextDelta("The greatest common divisor of 1071 and 462 is **21**."),
                        new ChatEvent.Completed(FinishReason.END_TURN, null, new TokenCounts(85, 210, 0, 0)));
    }

    @Test
    void mapsCacheReadsAndWritesApartFromUncachedInput() {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 21, \"cache_creation_input_tokens\": 188086,"
                        + " \"cache_read_input_tokens\": 1800, \"output_tokens\": 1}"),
                textStart(0),
                textDelta(0, "Summary."),
                blockStop(0),
                messageDelta("end_turn", "null", "{\"output_tokens\": 393}"),
                messageStop()));

        List<ChatEvent> events = anthropic.drain(asking("Summarise the book."));

        assertThat(completed(events).usage())
                .as("input stays uncached; cache reads and writes are priced apart")
                .isEqualTo(new TokenCounts(21, 393, 1800, 188086));
    }

    @Test
    void takesCountsAMessageDeltaRestates() {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 849, \"cache_creation_input_tokens\": 0,"
                        + " \"cache_read_input_tokens\": 0, \"output_tokens\": 10}"),
                textStart(0),
                textDelta(0, "Done."),
                blockStop(0),
                messageDelta(
                        "end_turn",
                        "null",
                        "{\"input_tokens\": 849, \"cache_creation_input_tokens\": 0,"
                                + " \"cache_read_input_tokens\": 512, \"output_tokens\": 47}"),
                messageStop()));

        assertThat(completed(anthropic.drain(asking("Go"))).usage()).isEqualTo(new TokenCounts(849, 47, 512, 0));
    }

    @Test
    void reportsTheStopSequenceThatEndedTheReply() {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 14, \"output_tokens\": 1}"),
                textStart(0),
                textDelta(0, "1, 2, 3"),
                blockStop(0),
                messageDelta("stop_sequence", "\"4\"", "{\"output_tokens\": 6}"),
                messageStop()));

        assertThat(completed(anthropic.drain(asking("Count to ten"))))
                .isEqualTo(new ChatEvent.Completed(FinishReason.STOP_SEQUENCE, "4", new TokenCounts(14, 6, 0, 0)));
    }

    @ParameterizedTest
    @CsvSource({
        "max_tokens,MAX_TOKENS",
        "model_context_window_exceeded,MAX_TOKENS",
        "end_turn,END_TURN",
        "pause_turn,END_TURN",
        "refusal,END_TURN",
        "tool_use,TOOL_USE"
    })
    void mapsStopReasons(String stopReason, FinishReason expected) {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 14, \"output_tokens\": 1}"),
                textStart(0),
                textDelta(0, "Once upon"),
                blockStop(0),
                messageDelta(stopReason, "null", "{\"output_tokens\": 2}"),
                messageStop()));

        ChatEvent.Completed completed = completed(anthropic.drain(asking("A story")));

        assertThat(completed.finishReason()).isEqualTo(expected);
        assertThat(completed.stopSequence()).isNull();
    }
}
