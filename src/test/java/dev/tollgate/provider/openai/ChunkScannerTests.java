package dev.tollgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;

/** The streaming scanner reads every chunk as a tree of the whole chunk does, or leaves the chunk to the tree. */
class ChunkScannerTests {

    private static final String HEAD = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"m\",\"system_fingerprint\":\"fp\",";

    private final ChunkScanner scanner = new ChunkScanner(ChannelFixture.JSON);

    static List<String> chunksItReads() {
        return List.of(
                data(Chunks.role()),
                data(Chunks.text("Tides \"rise\" and fall \\ 🌊 \u00e9\n")),
                data(Chunks.finish("stop")),
                data(Chunks.usage(12, 7, 3)),
                data(Chunks.toolCallStart(0, "call_1", "get_weather")),
                data(Chunks.toolCallArguments(0, "{\"city\":")),
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Let me think\"}}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"Hmm\",\"content\":null}}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"a\",\"reasoning\":\"b\"}}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":\"END\"}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":128009}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}},"
                        + "{\"index\":1,\"delta\":{\"content\":\"second\"}}]}",
                HEAD + "\"choices\":[],\"usage\":null}",
                HEAD + "\"choices\":{\"0\":{\"delta\":{\"content\":\"not a list\"}}}}",
                HEAD + "\"choices\":[{\"delta\":\"text\",\"finish_reason\":null}]}",
                HEAD
                        + "\"choices\":[{\"delta\":{\"content\":\"x\",\"tool_calls\":null,"
                        + "\"extra\":{\"a\":[1,{\"b\":2}]}},"
                        + "\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-0.1}]}}]}",
                HEAD + "\"choices\":[{\"delta\":{\"content\":\"one\",\"content\":\"two\"}}]}",
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":529}}",
                "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"fine\"}}]}",
                "{}");
    }

    @ParameterizedTest
    @MethodSource("chunksItReads")
    void readsAChunkAsTheTreeDoes(String chunk) {
        ChunkParts scanned = scanner.scan(chunk);

        assertThat(scanned).isEqualTo(ChunkParts.of(ChannelFixture.JSON.readTree(chunk)));
    }

    @Test
    void theFirstChoiceIsTheOneRead() {
        ChunkParts scanned = scanner.scan(
                HEAD + "\"choices\":[{\"delta\":{\"content\":\"first\"}}," + "{\"delta\":{\"content\":\"second\"}}]}");

        assertThat(scanned).isNotNull();
        assertThat(scanned.content()).isEqualTo("first");
    }

    @Test
    void theRarePartsAreKeptWhole() {
        ChunkParts scanned = scanner.scan(data(Chunks.usage(12, 7, 3)));

        assertThat(scanned).isNotNull();
        assertThat(scanned.usage()).isNotNull();
        assertThat(scanned.usage()
                        .path("prompt_tokens_details")
                        .path("cached_tokens")
                        .asInt())
                .isEqualTo(3);
    }

    static List<String> chunksLeftToTheTree() {
        return List.of(
                HEAD + "\"choices\":[{\"delta\":{\"content\":42}}]}",
                HEAD + "\"choices\":[{\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"parts\"}]}}]}",
                HEAD + "\"choices\":[{\"delta\":{},\"finish_reason\":{\"type\":\"stop\"}}]}",
                HEAD + "\"choices\":[null]}",
                HEAD + "\"choices\":[\"text\"]}",
                "[{\"choices\":[]}]",
                "\"just a string\"");
    }

    @ParameterizedTest
    @MethodSource("chunksLeftToTheTree")
    void leavesShapesItDoesNotExpectToTheTree(String chunk) {
        assertThat(scanner.scan(chunk)).isNull();
    }

    @Test
    void somethingThatIsNotJsonFailsAsJson() {
        assertThatThrownBy(() -> scanner.scan("{\"choices\":[{\"delta\":{\"content\":\"cut off"))
                .isInstanceOf(JacksonException.class);
    }

    private static String data(String line) {
        return line.substring("data: ".length());
    }
}
