package dev.tollgate.provider.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JtokkitTokenCounterTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();

    @Test
    void countsTextWithTheO200kEncoding() {
        assertThat(COUNTER.countText("Hello world")).isEqualTo(2);
        assertThat(COUNTER.countText("")).isZero();
    }

    @Test
    void countsSpecialTokenMarkersAsOrdinaryText() {
        assertThat(COUNTER.countText("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void promptCountsEveryPartWithOverheadsAndAFixedPricePerImage() {
        JsonNode schema =
                JsonMapper.shared().readTree("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}");
        ChatRequest request = new ChatRequest(
                new ModelId("simulator/test"),
                List.of(new TextPart("Be brief.", false)),
                List.of(
                        new ChatMessage(
                                ChatMessage.Role.USER,
                                List.of(
                                        new TextPart("Look at this", false),
                                        new ImagePart(null, null, "https://example.com/cat.png", false))),
                        new ChatMessage(
                                ChatMessage.Role.ASSISTANT,
                                List.of(new ToolCallPart("call_1", "search", "{\"q\":\"cat\"}", false))),
                        new ChatMessage(
                                ChatMessage.Role.USER,
                                List.of(new ToolResultPart("call_1", "A tabby cat", false, false)))),
                List.of(new ToolDefinition("search", "Searches the web", schema, false)),
                ToolChoice.AUTO,
                100,
                null,
                List.of(),
                false,
                "team-1");

        long expected = JtokkitTokenCounter.REQUEST_OVERHEAD
                + COUNTER.countText("search")
                + COUNTER.countText("Searches the web")
                + COUNTER.countText(schema.toString())
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText("Be brief.")
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText("Look at this")
                + 258
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText("search")
                + COUNTER.countText("{\"q\":\"cat\"}")
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText("A tabby cat");
        assertThat(COUNTER.countPrompt(request)).isEqualTo(expected);
    }

    @Test
    void splitsAsciiTextIntoOneRunPerToken() {
        String text = "The quick brown fox jumps over the lazy dog.";

        List<TokenRun> runs = COUNTER.split(text);

        assertThat(runs).hasSize((int) COUNTER.countText(text)).allMatch(run -> run.tokens() == 1);
        assertThat(String.join("", runs.stream().map(TokenRun::text).toList())).isEqualTo(text);
    }

    @Test
    void neverSplitsACharacterAcrossRuns() {
        String text = "Emoji 🎉🧑‍🚀 and 日本語 and ünïcödé";

        List<TokenRun> runs = COUNTER.split(text);

        assertThat(runs)
                .allSatisfy(run -> assertThat(
                                new String(run.text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .doesNotContain("\uFFFD"));
        assertThat(String.join("", runs.stream().map(TokenRun::text).toList())).isEqualTo(text);
        assertThat(runs.stream().mapToLong(TokenRun::tokens).sum()).isEqualTo(COUNTER.countText(text));
    }
}
