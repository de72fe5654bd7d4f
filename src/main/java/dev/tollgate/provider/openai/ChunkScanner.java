package dev.tollgate.provider.openai;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@link ChunkParts} of a chunk with Jackson's streaming parser, skipping what no event needs (the id, model,
 * creation time, log probabilities) instead of building a tree of the whole chunk, for each of the thousands of chunks
 * a second a busy gateway reads. A shape it does not expect (a delta's text that is not a string, a choice that is not
 * an object) is left to a tree of the whole chunk, so that both read every chunk alike.
 */
final class ChunkScanner {

    private final JsonMapper json;

    ChunkScanner(JsonMapper json) {
        this.json = json;
    }

    /**
     * The parts of {@code chunk}, or null when it has a shape this scanner leaves to the tree.
     *
     * @throws tools.jackson.core.JacksonException when it is not JSON
     */
    @Nullable
    ChunkParts scan(String chunk) {
        try (JsonParser parser = json.createParser(chunk)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Scan scan = new Scan();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "error" -> scan.error = tree(parser, value);
                    case "usage" -> scan.usage = tree(parser, value);
                    case "choices" -> choices(parser, value, scan);
                    default -> parser.skipChildren();
                }
            }
            return scan.unexpected || parser.nextToken() != null ? null : scan.parts();
        }
    }

    private static void choices(JsonParser parser, JsonToken value, Scan scan) {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken first = parser.nextToken();
        if (first == JsonToken.END_ARRAY) {
            return;
        }
        if (first == JsonToken.START_OBJECT) {
            choice(parser, scan);
        } else {
            scan.unexpected = true;
            parser.skipChildren();
        }
        // the reader takes the first choice only
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
        }
    }

    private static void choice(JsonParser parser, Scan scan) {
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "delta" -> {
                    if (value == JsonToken.START_OBJECT) {
                        delta(parser, scan);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "finish_reason" -> scan.finishReason = scan.text(parser, value);
                case "stop_reason" -> {
                    scan.stopReason = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
    }

    private static void delta(JsonParser parser, Scan scan) {
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "content" -> scan.content = scan.text(parser, value);
                case "reasoning_content" -> scan.reasoningContent = scan.text(parser, value);
                case "reasoning" -> scan.reasoning = scan.text(parser, value);
                case "tool_calls" -> scan.toolCalls = tree(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    /** A part kept as a tree; JSON's null is the same as none. */
    private static @Nullable JsonNode tree(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : parser.readValueAsTree();
    }

    /** The parts found so far. */
    private static final class Scan {
        private @Nullable JsonNode error;
        private @Nullable JsonNode usage;
        private String reasoningContent = "";
        private String reasoning = "";
        private String content = "";
        private @Nullable JsonNode toolCalls;
        private String finishReason = "";
        private @Nullable String stopReason;
        /** A part had a shape left to the tree. */
        private boolean unexpected;

        /** A string, or empty for null; anything else is marked unexpected (and skipped). */
        String text(JsonParser parser, JsonToken value) {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getString();
            }
            if (value != JsonToken.VALUE_NULL) {
                unexpected = true;
                parser.skipChildren();
            }
            return "";
        }

        ChunkParts parts() {
            return new ChunkParts(
                    error, usage, reasoningContent, reasoning, content, toolCalls, finishReason, stopReason);
        }
    }
}
