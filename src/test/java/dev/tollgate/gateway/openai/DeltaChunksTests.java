package dev.tollgate.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.calls.ChatReplyListener;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chunks written from prepared parts say what the chunks built as maps and serialised by Jackson said, for every
 * kind of event and for text that needs escaping.
 */
class DeltaChunksTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final ChunkWriter PREPARED = (sse, id, model, created, includeUsage) ->
            new OpenAiStreamWriter(JSON, sse, id, model, created, includeUsage);

    /** Text that JSON must escape or that UTF-8 must encode in more than one byte. */
    static final List<String> AWKWARD_TEXTS = List.of(
            "Hello",
            "",
            "she said \"hi\"",
            "C:\\path\\to\\file \\\" \\u0041",
            "line one\nline two\r\n\ttabbed",
            "controls \u0000 \u0001 \u0008 \u000c \u001b \u001f \u007f",
            "emoji 😀👩‍👩‍👧 and flags 🇫🇷",
            "non-ASCII: café, Grüße, 中文, русский, עברית",
            "separators \u2028 \u2029 and </script> / slash",
            "half an emoji \ud83d then the rest \ude00",
            "{\"location\": \"Paris, \\\"France\\\"\"}");

    @ParameterizedTest(name = "usage asked for: {0}")
    @ValueSource(booleans = {false, true})
    void textAndThinkingDeltasMatchTheMapBasedChunks(boolean includeUsage) {
        List<ChatEvent> events = new ArrayList<>();
        for (String text : AWKWARD_TEXTS) {
            events.add(new ChatEvent.ThinkingDelta(text));
        }
        events.add(new ChatEvent.ThinkingSigned("sig"));
        for (String text : AWKWARD_TEXTS) {
            events.add(new ChatEvent.TextDelta(text));
        }
        events.add(completed(FinishReason.END_TURN));

        assertSameChunks(events, includeUsage);
    }

    @ParameterizedTest(name = "usage asked for: {0}")
    @ValueSource(booleans = {false, true})
    void theFirstTextDeltaCarriesTheRoleOnce(boolean includeUsage) {
        assertSameChunks(
                List.of(
                        new ChatEvent.TextDelta(""),
                        new ChatEvent.TextDelta("a"),
                        new ChatEvent.ThinkingDelta("b"),
                        completed(FinishReason.END_TURN)),
                includeUsage);
        assertSameChunks(
                List.of(
                        new ChatEvent.ThinkingDelta("first"),
                        new ChatEvent.TextDelta("then"),
                        completed(FinishReason.MAX_TOKENS)),
                includeUsage);
        assertSameChunks(List.of(completed(FinishReason.END_TURN)), includeUsage);
    }

    @ParameterizedTest(name = "usage asked for: {0}")
    @ValueSource(booleans = {false, true})
    void toolCallArgumentDeltasMatchTheMapBasedChunks(boolean includeUsage) {
        List<ChatEvent> afterText = new ArrayList<>(List.of(
                new ChatEvent.TextDelta("Let me look."),
                new ChatEvent.ToolCallStarted(0, "call_\"1\"", "get_weather")));
        List<ChatEvent> toolFirst = new ArrayList<>(List.of(new ChatEvent.ToolCallStarted(0, "call_a", "search")));
        for (String fragment : AWKWARD_TEXTS) {
            afterText.add(new ChatEvent.ToolCallArgumentsDelta(0, fragment));
            toolFirst.add(new ChatEvent.ToolCallArgumentsDelta(0, fragment));
        }
        afterText.add(new ChatEvent.ToolCallStarted(1, "call_2", "get_time"));
        afterText.add(new ChatEvent.ToolCallArgumentsDelta(1, "{\"zone\":\"Europe/Paris\"}"));
        afterText.add(completed(FinishReason.TOOL_USE));
        toolFirst.add(completed(FinishReason.TOOL_USE));

        assertSameChunks(afterText, includeUsage);
        assertSameChunks(toolFirst, includeUsage);
    }

    @ParameterizedTest(name = "usage asked for: {0}")
    @ValueSource(booleans = {false, true})
    void idsAndModelsThatNeedEscapingAreQuotedAsJacksonQuotesThem(boolean includeUsage) {
        List<ChatEvent> events = List.of(
                new ChatEvent.TextDelta("Hi"), new ChatEvent.TextDelta(" there"), completed(FinishReason.END_TURN));
        for (String awkward : AWKWARD_TEXTS) {
            assertSameChunks(events, includeUsage, "chatcmpl-" + awkward, "vendor/" + awkward);
        }
    }

    @ParameterizedTest(name = "usage asked for: {0}")
    @ValueSource(booleans = {false, true})
    void theChoiceListsItsFieldsInOpenAisOrder(boolean includeUsage) {
        List<JsonNode> chunks = chunks(
                PREPARED,
                List.of(
                        new ChatEvent.TextDelta("a"),
                        new ChatEvent.ToolCallStarted(0, "call_1", "f"),
                        new ChatEvent.ToolCallArgumentsDelta(0, "{}")),
                includeUsage,
                "chatcmpl-1",
                "gpt-test");

        for (JsonNode chunk : List.of(chunks.get(0), chunks.get(2))) {
            assertThat(chunk.path("choices").path(0).propertyNames())
                    .as("the choice of %s", chunk)
                    .containsExactly("index", "delta", "logprobs", "finish_reason");
            assertThat(chunk.propertyNames())
                    .as("the chunk %s", chunk)
                    .startsWith("id", "object", "created", "model", "choices");
        }
    }

    private static void assertSameChunks(List<ChatEvent> events, boolean includeUsage) {
        assertSameChunks(events, includeUsage, "chatcmpl-abc123", "gpt-4o-mini");
    }

    private static void assertSameChunks(List<ChatEvent> events, boolean includeUsage, String id, String model) {
        List<JsonNode> prepared = chunks(PREPARED, events, includeUsage, id, model);
        List<JsonNode> mapped = chunks(MapBasedChunks::new, events, includeUsage, id, model);

        assertThat(prepared)
                .as("the chunks for %s with id %s and model %s", events, id, model)
                .isEqualTo(mapped);
    }

    /** The events written by a writer {@code writers} opens, read back as JSON ({@code [DONE]} as a string). */
    private static List<JsonNode> chunks(
            ChunkWriter writers, List<ChatEvent> events, boolean includeUsage, String id, String model) {
        MockHttpServletResponse http = new MockHttpServletResponse();
        SseStream sse = new SseStream(http, JSON);
        ChatReplyListener writer = writers.open(sse, id, model, 1_767_225_600L, includeUsage);
        events.forEach(writer::onEvent);
        writer.flush();
        String body = new String(http.getContentAsByteArray(), StandardCharsets.UTF_8);
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            assertThat(event).as("a data-only event").startsWith("data: ");
            String data = event.substring("data: ".length());
            chunks.add(data.equals("[DONE]") ? JSON.getNodeFactory().stringNode(data) : JSON.readTree(data));
        }
        assertThat(body).as("every event is complete").endsWith("\n\n");
        return chunks;
    }

    @FunctionalInterface
    interface ChunkWriter {
        ChatReplyListener open(SseStream sse, String id, String model, long created, boolean includeUsage);
    }

    private static ChatEvent.Completed completed(FinishReason reason) {
        return new ChatEvent.Completed(reason, null, new TokenCounts(12, 34, 5, 6), 7);
    }

    /** The chunks as every event was written before: a map for each, serialised by Jackson. */
    private static final class MapBasedChunks implements ChatReplyListener {

        private final SseStream sse;
        private final String id;
        private final String model;
        private final long created;
        private final boolean includeUsage;
        private boolean roleSent;

        MapBasedChunks(SseStream sse, String id, String model, long created, boolean includeUsage) {
            this.sse = sse;
            this.id = id;
            this.model = model;
            this.created = created;
            this.includeUsage = includeUsage;
        }

        @Override
        public void onEvent(ChatEvent event) {
            switch (event) {
                case ChatEvent.TextDelta delta -> chunk(withRole(Map.of("content", delta.text())), null);
                case ChatEvent.ThinkingDelta delta -> chunk(withRole(Map.of("reasoning_content", delta.text())), null);
                case ChatEvent.ThinkingSigned _, ChatEvent.RedactedThinking _, ChatEvent.Relayed _ -> {}
                case ChatEvent.ToolCallStarted started -> {
                    Map<String, Object> call = new LinkedHashMap<>();
                    call.put("index", started.index());
                    call.put("id", started.id());
                    call.put("type", "function");
                    call.put("function", Map.of("name", started.name(), "arguments", ""));
                    Map<String, Object> delta = new LinkedHashMap<>();
                    if (!roleSent) {
                        delta.put("role", "assistant");
                        delta.put("content", null);
                        roleSent = true;
                    }
                    delta.put("tool_calls", List.of(call));
                    chunk(delta, null);
                }
                case ChatEvent.ToolCallArgumentsDelta delta ->
                    chunk(
                            Map.of(
                                    "tool_calls",
                                    List.of(Map.of(
                                            "index",
                                            delta.index(),
                                            "function",
                                            Map.of("arguments", delta.jsonFragment())))),
                            null);
                case ChatEvent.Completed completed -> {
                    chunk(withRole(Map.of()), OpenAiWire.finishReason(completed.finishReason()));
                    if (includeUsage) {
                        Map<String, Object> usageChunk = envelope();
                        usageChunk.put("choices", List.of());
                        usageChunk.put("usage", OpenAiWire.usage(completed.usage(), completed.reasoningTokens()));
                        sse.data(usageChunk);
                    }
                    sse.raw("[DONE]");
                }
            }
        }

        @Override
        public void flush() {
            sse.flush();
        }

        @Override
        public void onFailure(String message) {}

        private Map<String, Object> withRole(Map<String, Object> delta) {
            if (roleSent) {
                return delta;
            }
            roleSent = true;
            Map<String, Object> first = new LinkedHashMap<>();
            first.put("role", "assistant");
            first.putAll(delta.isEmpty() ? Map.of("content", "") : delta);
            return first;
        }

        private void chunk(Map<String, Object> delta, String finishReason) {
            Map<String, Object> choice = new HashMap<>();
            choice.put("index", 0);
            choice.put("delta", delta);
            choice.put("logprobs", null);
            choice.put("finish_reason", finishReason);
            Map<String, Object> chunk = envelope();
            chunk.put("choices", new ArrayList<>(List.of(choice)));
            if (includeUsage) {
                chunk.put("usage", null);
            }
            sse.data(chunk);
        }

        private Map<String, Object> envelope() {
            Map<String, Object> chunk = new LinkedHashMap<>();
            chunk.put("id", id);
            chunk.put("object", "chat.completion.chunk");
            chunk.put("created", created);
            chunk.put("model", model);
            return chunk;
        }
    }
}
