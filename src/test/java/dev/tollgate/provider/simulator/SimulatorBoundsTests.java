package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.Measured;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever a request asks for, a simulated reply costs memory and time in proportion to what it may deliver: its
 * {@code maxTokens}, never more than the simulator's longest reply. The bounds below are generous, so a busy machine
 * does not fail them, yet far below what unbounded generation costs.
 */
class SimulatorBoundsTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();
    static final long MOST_MEGABYTES = 64;
    static final Duration MOST_CPU = Duration.ofSeconds(3);

    final SimulatorChatProvider simulator =
            new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, Clock.systemUTC());

    /** Regression: 27 million required integers filled a 2 GB heap although the reply could hold 5 tokens. */
    @Test
    void regressionNestedArrayArgumentsStopAtMaxTokens() {
        ChatRequest request = Requests.asking("Fill the grid.")
                .tool(tool(
                        "fill",
                        "{\"type\":\"object\",\"properties\":{\"grid\":" + nestedArrays(3, 300) + "},"
                                + "\"required\":[\"grid\"]}"))
                .toolChoice(ToolChoice.REQUIRED)
                .maxTokens(5)
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().completed().finishReason())
                .as("arguments cut by max_tokens, as an upstream cuts them")
                .isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(streamed.result().completed().usage().output()).isLessThanOrEqualTo(5);
        assertThat(streamed.result().toolArguments()).startsWith("{\"grid\":[[[");
    }

    /** Regression: minLength 300,000 with a non-ASCII prompt took 11.5 s of CPU, growing with the square. */
    @Test
    void regressionMinLengthIsFilledInLinearTime() {
        ChatRequest request = Requests.asking("Suche nach Cafés in Köln und 東京, bitte ausführlich.")
                .tool(tool(
                        "search",
                        "{\"type\":\"object\",\"properties\":{\"query\":"
                                + "{\"type\":\"string\",\"minLength\":300000}},\"required\":[\"query\"]}"))
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().completed().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(streamed.result().completed().usage().output()).isEqualTo(4096);
        assertThat(streamed.result().toolArguments()).startsWith("{\"query\":\"Suche nach Cafés in Köln und 東京");
    }

    @Test
    void regressionSelfReferencingSchemasStopAtMaxTokens() {
        StringBuilder properties = new StringBuilder();
        StringBuilder required = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            properties.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":{\"$ref\":\"#\"}");
            required.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
        }
        ChatRequest request = Requests.asking("Build the tree.")
                .tool(tool(
                        "tree",
                        "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + required + "]}"))
                .toolChoice(ToolChoice.REQUIRED)
                .maxTokens(200)
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().completed().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(streamed.result().completed().usage().output()).isEqualTo(200);
    }

    /** Regression: a bound beyond a double's range failed the call; one read as a decimal took minutes to expand. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void regressionHugeNumberBoundsAreNotExpanded(boolean decimals) {
        JsonMapper json = JsonMapper.builder()
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, decimals)
                .build();
        JsonNode schema = json.readTree("""
                {"type":"object","properties":{
                  "big":{"type":"integer","minimum":1e3000000},
                  "tiny":{"type":"number","exclusiveMinimum":1e-3000000,"maximum":1},
                  "low":{"type":"integer","maximum":-1e3000000},
                  "wide":{"type":"integer","minimum":-1e3000000,"maximum":1e3000000}},
                 "required":["big","tiny","low","wide"]}
                """);
        ChatRequest request = Requests.asking("Pick numbers.")
                .tool(new ToolDefinition("pick", null, schema, false))
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().completed().finishReason()).isEqualTo(FinishReason.TOOL_USE);
        JsonNode arguments = JsonMapper.shared().readTree(streamed.result().toolArguments());
        assertThat(arguments.path("tiny").decimalValue()).isPositive().isLessThanOrEqualTo(BigDecimal.ONE);
        assertThat(arguments.path("big").isIntegralNumber())
                .as("in %s", arguments)
                .isTrue();
        assertThat(arguments.path("low").isIntegralNumber())
                .as("in %s", arguments)
                .isTrue();
    }

    @Test
    void regressionNumbersInAHugePromptAreReadWithinBounds() {
        StringBuilder prompt = new StringBuilder("Use these: ").append("7".repeat(50_000));
        for (int i = 0; prompt.length() < 6_000_000; i++) {
            prompt.append(' ').append(i);
        }
        ChatRequest request = Requests.asking(prompt.toString())
                .tool(tool(
                        "count",
                        "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},"
                                + "\"required\":[\"n\"]}"))
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().completed().finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(JsonMapper.shared()
                        .readTree(streamed.result().toolArguments())
                        .path("n")
                        .asInt())
                .as("the first number short enough to read and within the default range")
                .isEqualTo(1);
    }

    /** Regression: a dictated reply was cut into tokens whole before max_tokens cut it. */
    @Test
    void regressionAHugeDictatedReplyIsCutAtMaxTokens() {
        ChatRequest request = Requests.asking("Say exactly: " + "a".repeat(2_000_000))
                .maxTokens(10)
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().completed().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(streamed.result().completed().usage().output()).isEqualTo(10);
        assertThat(streamed.result().text()).matches("a+");
    }

    @Test
    void regressionAHugeWordIsNoTopicForProse() {
        ChatRequest request = Requests.asking("Tell me about tides and " + "b".repeat(2_000_000) + ".")
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().text())
                .contains("tides")
                .doesNotContain("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    }

    @Test
    void regressionAPromptOfMillionsOfDistinctWordsIsReadWithinBounds() {
        StringBuilder prompt = new StringBuilder("Summarise these words:");
        for (int i = 0; prompt.length() < 4_000_000; i++) {
            prompt.append(" w").append(Integer.toString(i, 26).replace('0', 'z'));
        }
        ChatRequest request = Requests.asking(prompt.toString()).maxTokens(50).build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().text()).isNotBlank();
    }

    /** Regression: every result looked its call up in the whole history, and the answer held every result whole. */
    @Test
    void regressionManyToolResultsAreAnsweredWithinBounds() {
        List<ToolCallPart> calls = new ArrayList<>();
        List<ToolResultPart> results = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            calls.add(new ToolCallPart("call_" + i, "lookup", "{}", false));
            results.add(new ToolResultPart("call_" + i, "{\"value\":\"" + "v".repeat(100) + "\"}", false, false));
        }
        ChatRequest request = Requests.asking("Look everything up.")
                .message(new ChatMessage(ChatMessage.Role.ASSISTANT, List.copyOf(calls)))
                .message(new ChatMessage(ChatMessage.Role.USER, List.copyOf(results)))
                .maxTokens(100)
                .build();

        Measured<Streamed> streamed = Measured.of(() -> Streamed.drain(simulator.open(request)));

        assertBounded(streamed, request);
        assertThat(streamed.result().text()).contains("lookup");
        assertThat(streamed.result().completed().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    }

    /** Beyond counting the prompt, which a huge prompt makes costly on its own, a reply costs little. */
    private static void assertBounded(Measured<Streamed> streamed, ChatRequest request) {
        Measured<Long> counting = Measured.of(() -> COUNTER.countPrompt(request));
        assertThat(streamed.allocatedMegabytes())
                .as("memory for a reply: %s, of which counting the prompt %s", streamed, counting)
                .isLessThan(counting.allocatedMegabytes() + MOST_MEGABYTES);
        assertThat(streamed.cpuTime())
                .as("time for a reply: %s, of which counting the prompt %s", streamed, counting)
                .isLessThan(counting.cpuTime().plus(MOST_CPU));
    }

    private static String nestedArrays(int levels, int minItems) {
        return levels == 0
                ? "{\"type\":\"integer\"}"
                : "{\"type\":\"array\",\"minItems\":" + minItems + ",\"items\":" + nestedArrays(levels - 1, minItems)
                        + "}";
    }

    private static ToolDefinition tool(String name, String schema) {
        return new ToolDefinition(name, null, JsonMapper.shared().readTree(schema), false);
    }
}
