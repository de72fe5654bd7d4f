package dev.tollgate.provider.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.support.Measured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JtokkitTokenCounterTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();

    /** The encoder on its own, given whole texts: what counts must match wherever the encoder copes. */
    static final Encoding ENCODER = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Test
    void countsTextWithTheO200kEncoding() {
        assertThat(COUNTER.countText("Hello world")).isEqualTo(2);
        assertThat(COUNTER.countText("")).isZero();
    }

    /** Regression: the encoder allocated 1.3 GB for one 2 MB word, and ran out of memory for 30 MB. */
    @Test
    void regressionALongWordIsCountedInBoundedMemoryAndTime() {
        String word = "a".repeat(2_000_000);

        Measured<Long> counted = Measured.of(() -> COUNTER.countText(word));

        assertThat(counted.allocatedMegabytes())
                .as("counting a 2 MB word: %s", counted)
                .isLessThan(16);
        assertThat(counted.cpuTime()).as("counting a 2 MB word: %s", counted).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void regressionAThirtyMegabyteWordCountsOneTokenPerByteInBoundedMemory() {
        String word = "a".repeat(30_000_000);

        Measured<Long> counted = Measured.of(() -> COUNTER.countText(word));

        assertThat(counted.result())
                .as("no tokenizer makes more tokens of a text than it has bytes")
                .isEqualTo(30_000_000);
        assertThat(counted.allocatedMegabytes())
                .as("counting a 30 MB word: %s", counted)
                .isLessThan(16);
        assertThat(counted.cpuTime()).as("counting a 30 MB word: %s", counted).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void ordinaryTextCountsExactlyAsTheEncoderCountsItWhole() {
        String text = Texts.mixed(400_000);

        assertThat(COUNTER.countText(text)).isEqualTo(ENCODER.countTokensOrdinary(text));
        assertThat(COUNTER.countText(Texts.mixed(3_000))).isEqualTo(ENCODER.countTokensOrdinary(Texts.mixed(3_000)));
    }

    @Test
    void countingOrdinaryTextCostsLittleMoreThanTheEncoderAlone() {
        String text = Texts.prose(400_000);
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            COUNTER.countText(text);
            ENCODER.countTokensOrdinary(text);
        }

        Measured<Long> counted = Measured.of(() -> COUNTER.countText(text));
        Measured<Integer> encoded = Measured.of(() -> ENCODER.countTokensOrdinary(text));

        assertThat(counted.allocatedBytes())
                .as("counting %s against encoding %s", counted, encoded)
                .isLessThan(encoded.allocatedBytes() + 2_000_000);
    }

    @Test
    void onlyStretchesTooLongToTokeniseCountOneTokenPerByte() {
        String longWord = "é".repeat(1_000);
        String text = "Before the word " + longWord + " and after it.";

        assertThat(COUNTER.countText(text))
                .as("a byte for the space before the word and two for each é, the rest counted by the encoder")
                .isEqualTo(ENCODER.countTokensOrdinary("Before the word")
                        + 2_001
                        + ENCODER.countTokensOrdinary(" and after it."));
        assertThat(COUNTER.countText("é".repeat(200))).isEqualTo(ENCODER.countTokensOrdinary("é".repeat(200)));
    }

    @Test
    void partsOfAPromptShareOneAllowanceOfTokenisedText() {
        JtokkitTokenCounter.Tally tally = COUNTER.tally();
        String longPrompt = Texts.prose((int) JtokkitTokenCounter.MOST_TOKENISED_CHARACTERS - 1_000);

        tally.text(longPrompt);

        assertThat(tally.text("Hello world. ".repeat(100)))
                .as("text past the allowance counts its bytes")
                .isEqualTo(1_300);
        assertThat(COUNTER.tally().text("Hello world. ".repeat(100)))
                .as("a new prompt has its own allowance")
                .isEqualTo(ENCODER.countTokensOrdinary("Hello world. ".repeat(100)));
    }

    @Test
    void noTokenIsLongerThanTheLongestDeclared() {
        IntArrayList single = new IntArrayList(1);
        int longest = 0;
        for (int token = 0; token < 199_998; token++) {
            single.clear();
            single.add(token);
            longest = Math.max(longest, ENCODER.decodeBytes(single).length);
        }

        assertThat(longest).isEqualTo(JtokkitTokenCounter.LONGEST_TOKEN_BYTES);
    }

    @Test
    void splitStopsOnceItsRunsPassTheLimit() {
        String word = "a".repeat(30_000_000);
        String prose = Texts.prose(400_000);

        Measured<List<TokenRun>> ofWord = Measured.of(() -> COUNTER.split(word, 10));
        Measured<List<TokenRun>> ofProse = Measured.of(() -> COUNTER.split(prose, 10));

        assertThat(ofWord.result()).hasSize(11);
        assertThat(ofProse.result().stream().mapToLong(TokenRun::tokens).sum()).isEqualTo(11);
        assertThat(ofWord.allocatedMegabytes())
                .as("splitting a 30 MB word: %s", ofWord)
                .isLessThan(16);
        assertThat(ofProse.allocatedMegabytes())
                .as("splitting 400 kB of prose: %s", ofProse)
                .isLessThan(4);
    }

    @Test
    void textOfCharactersBeyondALimitStartsWithTheSameTokensAsAnyLongerText() {
        for (String text : List.of(
                Texts.mixed(200_000),
                "{\"grid\":[[[" + "1,".repeat(100_000),
                "{\"q\":\"" + "x".repeat(100_000),
                "Say " + "ab'".repeat(50_000),
                " ".repeat(100_000))) {
            for (int limit : List.of(1, 5, 64, 700)) {
                String start = text.substring(0, (int) JtokkitTokenCounter.charactersBeyond(limit));

                List<TokenRun> ofStart = COUNTER.split(start, limit);
                List<TokenRun> ofWhole = COUNTER.split(text, limit);

                assertThat(ofStart.stream().mapToLong(TokenRun::tokens).sum())
                        .as("tokens of the start")
                        .isGreaterThan(limit);
                assertThat(firstTokens(ofStart, limit)).isEqualTo(firstTokens(ofWhole, limit));
            }
        }
    }

    private static List<TokenRun> firstTokens(List<TokenRun> runs, int limit) {
        List<TokenRun> first = new java.util.ArrayList<>();
        long tokens = 0;
        for (TokenRun run : runs) {
            if (tokens + run.tokens() > limit) {
                break;
            }
            first.add(run);
            tokens += run.tokens();
        }
        return first;
    }

    @Test
    void countsSpecialTokenMarkersAsOrdinaryText() {
        assertThat(COUNTER.countText("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void promptCountsEveryPartWithOverheadsAndAFixedPricePerImage() {
        JsonNode schema =
                JsonMapper.shared().readTree("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}");
        ChatRequest request = promptOfEveryPart(
                "Be brief.",
                "Look at this",
                "{\"q\":\"cat\"}",
                "A tabby cat",
                List.of(new ToolDefinition("search", "Searches the web", schema, false)));

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
    void aPromptsUpperBoundCountsItsTextsByTheirBytesAndNeverFallsBelowItsCount() {
        String prose = Texts.words(20_000);
        String mixed = Texts.mixed(20_000) + " naïve café 東京 🙂 " + "x".repeat(5_000);
        ChatRequest request = promptOfEveryPart("Réponds en français.", prose, "{\"q\":\"東京\"}", mixed, List.of());

        long bound = COUNTER.promptUpperBound(request);

        assertThat(bound)
                .as(
                        "the overheads (the system prompt is a message) and the image as counted, every text as its UTF-8 bytes")
                .isEqualTo(JtokkitTokenCounter.REQUEST_OVERHEAD
                        + 4 * JtokkitTokenCounter.MESSAGE_OVERHEAD
                        + JtokkitTokenCounter.IMAGE_TOKENS
                        + utf8("Réponds en français.")
                        + utf8(prose)
                        + utf8("search")
                        + utf8("{\"q\":\"東京\"}")
                        + utf8(mixed));
        assertThat(bound).isGreaterThanOrEqualTo(COUNTER.countPrompt(request));
    }

    /** A system text, a user's text with an image, a call of the tool {@code search} and its result, and the tools. */
    private static ChatRequest promptOfEveryPart(
            String system, String userText, String arguments, String result, List<ToolDefinition> tools) {
        return new ChatRequest(
                new ModelId("simulator/test"),
                List.of(new TextPart(system, false)),
                List.of(
                        new ChatMessage(
                                ChatMessage.Role.USER,
                                List.of(
                                        new TextPart(userText, false),
                                        new ImagePart(null, null, "https://example.com/cat.png", false))),
                        new ChatMessage(
                                ChatMessage.Role.ASSISTANT,
                                List.of(new ToolCallPart("call_1", "search", arguments, false))),
                        new ChatMessage(
                                ChatMessage.Role.USER, List.of(new ToolResultPart("call_1", result, false, false)))),
                tools,
                ToolChoice.AUTO,
                100,
                null,
                List.of(),
                false,
                "team-1");
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void splitsAsciiTextIntoOneRunPerToken() {
        String text = "The quick brown fox jumps over the lazy dog.";

        List<TokenRun> runs = COUNTER.split(text, Long.MAX_VALUE);

        assertThat(runs).hasSize((int) COUNTER.countText(text)).allMatch(run -> run.tokens() == 1);
        assertThat(String.join("", runs.stream().map(TokenRun::text).toList())).isEqualTo(text);
    }

    @Test
    void neverSplitsACharacterAcrossRuns() {
        String text = "Emoji 🎉🧑‍🚀 and 日本語 and ünïcödé";

        List<TokenRun> runs = COUNTER.split(text, Long.MAX_VALUE);

        assertThat(runs)
                .allSatisfy(run -> assertThat(
                                new String(run.text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .doesNotContain("\uFFFD"));
        assertThat(String.join("", runs.stream().map(TokenRun::text).toList())).isEqualTo(text);
        assertThat(runs.stream().mapToLong(TokenRun::tokens).sum()).isEqualTo(COUNTER.countText(text));
    }
}
