package dev.tollgate.provider.bedrock;

import static dev.tollgate.provider.bedrock.ConverseWire.blockStop;
import static dev.tollgate.provider.bedrock.ConverseWire.messageStart;
import static dev.tollgate.provider.bedrock.ConverseWire.messageStop;
import static dev.tollgate.provider.bedrock.ConverseWire.metadata;
import static dev.tollgate.provider.bedrock.ConverseWire.stream;
import static dev.tollgate.provider.bedrock.ConverseWire.text;
import static dev.tollgate.provider.bedrock.ConverseWire.textReply;
import static dev.tollgate.provider.bedrock.ConverseWire.toolInput;
import static dev.tollgate.provider.bedrock.ConverseWire.toolStart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatEvent.Completed;
import dev.tollgate.provider.ChatEvent.TextDelta;
import dev.tollgate.provider.ChatEvent.ToolCallArgumentsDelta;
import dev.tollgate.provider.ChatEvent.ToolCallStarted;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.FinishReason;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Bedrock's ConverseStream events into the gateway's chat events. */
class BedrockStreamTests extends BedrockStandInFixture {

    @Test
    void textDeltasStreamInOrderAndCompleteWithTheReportedUsage() {
        standIn.on("POST", PATH, stream(textReply(List.of("Hello", ", ", "world"), "end_turn", 12, 3), Duration.ZERO));

        List<ChatEvent> events = drain(channel.open(ask("Say hello")));

        assertThat(events)
                .as("text deltas in order, then exactly one completion with Bedrock's usage")
                .containsExactly(
                        new TextDelta("Hello"),
                        new TextDelta(", "),
                        new TextDelta("world"),
                        new Completed(FinishReason.END_TURN, null, new TokenCounts(12, 3, 0, 0)));
    }

    @Test
    void eventsReachTheReaderAsBedrockSendsThemNotAtTheEnd() {
        Duration pause = Duration.ofMillis(150);
        standIn.on("POST", PATH, stream(textReply(List.of("one", "two", "three", "four"), "end_turn", 5, 4), pause));

        try (ChatStream stream = channel.open(ask("Count"))) {
            ChatEvent first = stream.next();
            long firstAt = System.nanoTime();
            List<ChatEvent> rest = new ArrayList<>();
            stream.forEachRemaining(rest::add);
            long lastAt = System.nanoTime();

            assertThat(first).isEqualTo(new TextDelta("one"));
            assertThat(Duration.ofNanos(lastAt - firstAt))
                    .as("the first delta was handed over while the later frames were still on their way")
                    .isGreaterThanOrEqualTo(pause.multipliedBy(4));
            assertThat(rest.getLast()).isInstanceOf(Completed.class);
        }
    }

    @Test
    void framesSplitAcrossNetworkChunksAreReassembled() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        textReply(List.of("split ", "frames"), "end_turn", 7, 2).forEach(all::writeBytes);
        byte[] bytes = all.toByteArray();
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += 37) {
            chunks.add(java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + 37)));
        }
        standIn.on("POST", PATH, stream(chunks, Duration.ofMillis(5)));

        List<ChatEvent> events = drain(channel.open(ask("Split")));

        assertThat(events)
                .containsExactly(
                        new TextDelta("split "),
                        new TextDelta("frames"),
                        new Completed(FinishReason.END_TURN, null, new TokenCounts(7, 2, 0, 0)));
    }

    @Test
    void toolUseBlocksBecomeNumberedToolCallsWithArgumentFragments() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        List.of(
                                messageStart(),
                                text(0, "Let me check."),
                                blockStop(0),
                                toolStart(1, "tooluse_weather_1", "get_weather"),
                                toolInput(1, "{\\\"city\\\":"),
                                toolInput(1, "\\\"Paris\\\"}"),
                                blockStop(1),
                                toolStart(2, "tooluse_time_2", "get_time"),
                                toolInput(2, "{}"),
                                blockStop(2),
                                messageStop("tool_use"),
                                metadata(40, 31, 0, 0)),
                        Duration.ofMillis(10)));

        List<ChatEvent> events = drain(channel.open(ask("Weather and time in Paris?")));

        assertThat(events)
                .as("tool calls numbered from 0 in order; fragments go to the call of their content block")
                .containsExactly(
                        new TextDelta("Let me check."),
                        new ToolCallStarted(0, "tooluse_weather_1", "get_weather"),
                        new ToolCallArgumentsDelta(0, "{\"city\":"),
                        new ToolCallArgumentsDelta(0, "\"Paris\"}"),
                        new ToolCallStarted(1, "tooluse_time_2", "get_time"),
                        new ToolCallArgumentsDelta(1, "{}"),
                        new Completed(FinishReason.TOOL_USE, null, new TokenCounts(40, 31, 0, 0)));
    }

    @Test
    void cacheReadAndWriteTokensAreReportedApartFromUncachedInput() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        List.of(
                                messageStart(),
                                text(0, "Cached."),
                                blockStop(0),
                                messageStop("end_turn"),
                                metadata(9, 2, 1800, 350)),
                        Duration.ZERO));

        try (ChatStream stream = channel.open(ask("Again"))) {
            List<ChatEvent> events = new ArrayList<>();
            stream.forEachRemaining(events::add);

            Completed completed = (Completed) events.getLast();
            assertThat(completed.usage())
                    .as("Bedrock's inputTokens excludes cached tokens, like TokenCounts.input")
                    .isEqualTo(new TokenCounts(9, 2, 1800, 350));
            assertThat(stream.usageSoFar()).isEqualTo(new TokenCounts(9, 2, 1800, 350));
        }
    }

    @Test
    void cacheWritesAreSplitByTheTtlBedrockReportsForThem() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        List.of(
                                messageStart(),
                                text(0, "Cached."),
                                blockStop(0),
                                messageStop("end_turn"),
                                metadata(9, 2, 0, 350, 1200)),
                        Duration.ZERO));

        try (ChatStream stream = channel.open(ask("Again"))) {
            List<ChatEvent> events = new ArrayList<>();
            stream.forEachRemaining(events::add);

            assertThat(((Completed) events.getLast()).usage())
                    .as("cacheDetails' one-hour writes counted apart from the five-minute ones")
                    .isEqualTo(new TokenCounts(9, 2, 0, 350, 1200));
        }
    }

    @Test
    void usageSoFarEstimatesUntilBedrockReportsAndCountsDeliveredOutput() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        textReply(List.of("A fairly long first sentence.", " More."), "end_turn", 21, 8),
                        Duration.ZERO));
        ChatRequest request = ask("Tell me something");

        try (ChatStream stream = channel.open(request)) {
            TokenCounts before = stream.usageSoFar();
            stream.next();
            TokenCounts afterFirst = stream.usageSoFar();

            assertThat(before).isEqualTo(new TokenCounts(tokens.countPrompt(request), 0, 0, 0));
            assertThat(afterFirst.output())
                    .as("the delivered delta is counted as output")
                    .isEqualTo(tokens.countText("A fairly long first sentence."));
        }
    }

    @Test
    void stopSequenceAndMaxTokensFinishReasonsAreMapped() {
        standIn.on(
                "POST",
                PATH,
                stream(textReply(List.of("1, 2, 3"), "stop_sequence", 5, 4), Duration.ZERO),
                stream(textReply(List.of("and so on and"), "max_tokens", 5, 16), Duration.ZERO));
        ChatRequest withStop = new ChatRequest(
                MODEL,
                List.of(),
                ask("Count").messages(),
                List.of(),
                dev.tollgate.provider.ToolChoice.AUTO,
                16,
                null,
                List.of("4"),
                false,
                "team-1");

        Completed stopped = (Completed) drain(channel.open(withStop)).getLast();
        Completed capped = (Completed) drain(channel.open(ask("Ramble"))).getLast();

        assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
        assertThat(stopped.stopSequence())
                .as("the only requested stop sequence is the one that stopped the reply")
                .isEqualTo("4");
        assertThat(capped.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(capped.stopSequence()).isNull();
    }

    @Test
    void aStreamEndingAfterMessageStopWithoutMetadataCompletesWithTheEstimate() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        List.of(messageStart(), text(0, "Short."), blockStop(0), messageStop("end_turn")),
                        Duration.ZERO));
        ChatRequest request = ask("Be brief");

        List<ChatEvent> events = drain(channel.open(request));

        assertThat(events.getLast())
                .isEqualTo(new Completed(
                        FinishReason.END_TURN,
                        null,
                        new TokenCounts(tokens.countPrompt(request), tokens.countText("Short."), 0, 0)));
    }

    @Test
    void closingMidStreamStopsReadingAndKeepsTheDeliveredUsage() {
        List<byte[]> frames = new ArrayList<>(List.of(messageStart(), text(0, "first")));
        for (int i = 0; i < 40; i++) {
            frames.add(text(0, " more"));
        }
        frames.addAll(List.of(blockStop(0), messageStop("end_turn"), metadata(3, 41, 0, 0)));
        standIn.on("POST", PATH, stream(frames, Duration.ofMillis(50)));

        ChatStream stream = channel.open(ask("Go on"));
        assertThat(stream.next()).isEqualTo(new TextDelta("first"));
        stream.close();

        assertThat(stream.hasNext()).as("a closed stream has nothing more").isFalse();
        assertThat(stream.usageSoFar().output()).isEqualTo(tokens.countText("first"));
    }
}
