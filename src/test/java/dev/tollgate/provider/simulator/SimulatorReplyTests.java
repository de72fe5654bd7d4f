package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class SimulatorReplyTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();

    final SimulatorChatProvider simulator =
            new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, Clock.systemUTC());

    @Test
    void sameRequestGetsTheSameReplyEveryTime() {
        ChatRequest request =
                Requests.asking("How do tides depend on the moon and the sun?").build();

        Streamed first = Streamed.drain(simulator.open(request));
        Streamed second = Streamed.drain(
                new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, Clock.systemUTC()).open(request));

        assertThat(second.events()).as("events of an identical request").isEqualTo(first.events());
        assertThat(first.text()).isNotBlank();
    }

    @Test
    void differentPromptsGetDifferentReplies() {
        String aboutTides = reply("How do tides depend on the moon and the sun?");
        String aboutBread = reply("What makes sourdough bread rise without commercial yeast?");

        assertThat(aboutTides).isNotEqualTo(aboutBread);
    }

    @Test
    void replyTalksAboutTheKeywordsOfTheLatestUserMessage() {
        ChatRequest request = Requests.conversation()
                .message(ChatMessage.user("Tell me about volcanoes."))
                .message(ChatMessage.assistant("Volcanoes are openings in the crust."))
                .message(ChatMessage.user("Can you explain how photosynthesis works in plants?"))
                .build();

        String reply = Streamed.drain(simulator.open(request)).text();

        assertThat(reply).as("the reply names the question's main topic").contains("photosynthesis");
        assertThat(reply).as("earlier turns are not the topic").doesNotContain("volcanoes");
    }

    @Test
    void repliesAreOfATypicalLength() {
        for (String question : List.of(
                "hi",
                "Compare Kubernetes and Docker Swarm for small teams running Postgres databases.",
                "Why is the sky blue?")) {
            long tokens = COUNTER.countText(reply(question));

            assertThat(tokens).as("tokens of the reply to: " + question).isBetween(40L, 160L);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Say exactly: pong                          | pong
            Say exactly: Hello, world.                 | Hello, world.
            Reply with only OK                         | OK
            Reply with only the word OK.               | OK
            Please respond with just "yes"             | yes
            Say exactly: héllo wörld 🎉 日本語          | héllo wörld 🎉 日本語
            """)
    void dictatedReplyIsRepeatedWordForWord(String prompt, String expected) {
        Streamed streamed =
                Streamed.drain(simulator.open(Requests.asking(prompt).build()));

        assertThat(streamed.text()).isEqualTo(expected);
        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void streamsOneTextEventPerToken() {
        Streamed streamed = Streamed.drain(
                simulator.open(Requests.asking("Why is the sky blue?").build()));

        assertThat(streamed.count(ChatEvent.TextDelta.class))
                .as("one event per output token")
                .isEqualTo(streamed.completed().usage().output());
    }

    @Test
    void maxTokensCutsTheSameReplyAtExactlyThatManyTokens() {
        Requests question = Requests.asking("How do tides depend on the moon and the sun?");
        String full = Streamed.drain(simulator.open(question.build())).text();

        Streamed cut = Streamed.drain(simulator.open(question.maxTokens(10).build()));

        assertThat(cut.completed().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(cut.completed().usage().output()).isEqualTo(10);
        assertThat(COUNTER.countText(cut.text())).isEqualTo(10);
        assertThat(full).as("the cut reply is the start of the full one").startsWith(cut.text());
    }

    @Test
    void stopSequenceEndsTheReplyRightBeforeIt() {
        Requests question = Requests.asking("How do tides depend on the moon and the sun?");
        Streamed full = Streamed.drain(simulator.open(question.build()));
        String stop = ((ChatEvent.TextDelta) full.events().get(6)).text();
        String expected = full.text().substring(0, full.text().indexOf(stop));

        Streamed stopped = Streamed.drain(simulator.open(
                question.stopSequence("never appears").stopSequence(stop).build()));

        assertThat(stopped.text()).isEqualTo(expected).doesNotContain(stop);
        assertThat(stopped.completed().finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
        assertThat(stopped.completed().stopSequence()).isEqualTo(stop);
        assertThat(stopped.completed().usage().output()).isEqualTo(COUNTER.countText(expected));
    }

    @Test
    void replyWithoutStopSequenceOrCutEndsTheTurn() {
        Streamed streamed = Streamed.drain(simulator.open(Requests.asking("Why is the sky blue?")
                .stopSequence("zzz-never")
                .build()));

        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(streamed.completed().stopSequence()).isNull();
    }

    @Test
    void usageCountsThePromptAsTheCounterDoesAndTheOutputAsTheTextsTokens() {
        var schema = JsonMapper.shared().readTree("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}");
        ChatRequest request = Requests.conversation()
                .system("You are a helpful assistant.", false)
                .tool(new ToolDefinition("search_docs", "Searches the documentation", schema, false))
                .toolChoice(ToolChoice.NONE)
                .message(new ChatMessage(
                        ChatMessage.Role.USER,
                        List.of(
                                new TextPart("What is in this picture?", false),
                                new ImagePart("image/png", "iVBORw0KGgo=", null, false))))
                .message(new ChatMessage(
                        ChatMessage.Role.ASSISTANT,
                        List.of(new ToolCallPart("call_1", "search_docs", "{\"q\":\"picture\"}", false))))
                .message(new ChatMessage(
                        ChatMessage.Role.USER, List.of(new ToolResultPart("call_1", "A red bicycle", false, false))))
                .message(ChatMessage.user("And what colour is the bicycle?"))
                .build();
        var stream = simulator.open(request);

        Streamed streamed = Streamed.drain(stream);

        var usage = streamed.completed().usage();
        assertThat(usage.prompt()).isEqualTo(COUNTER.countPrompt(request));
        assertThat(usage.input()).as("nothing is cached").isEqualTo(usage.prompt());
        assertThat(usage.output()).isEqualTo(COUNTER.countText(streamed.text()));
        assertThat(stream.usageSoFar()).as("usage so far after the end").isEqualTo(usage);
    }

    private String reply(String question) {
        return Streamed.drain(simulator.open(Requests.asking(question).build())).text();
    }
}
