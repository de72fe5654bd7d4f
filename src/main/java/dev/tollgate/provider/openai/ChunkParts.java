package dev.tollgate.provider.openai;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What {@link ChatChunkReader} takes from one {@code chat.completion.chunk}: the error or usage it carries and its
 * first choice's delta and finish. Strings absent from the chunk are empty; the rare parts (an error, usage, tool
 * calls) stay JSON trees.
 */
record ChunkParts(
        @Nullable JsonNode error,
        @Nullable JsonNode usage,
        String reasoningContent,
        String reasoning,
        String content,
        @Nullable JsonNode toolCalls,
        String finishReason,
        @Nullable String stopReason) {

    /** The parts of a chunk read whole into a tree. */
    static ChunkParts of(JsonNode chunk) {
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        JsonNode stop = choice.path("stop_reason");
        return new ChunkParts(
                present(chunk.get("error")),
                present(chunk.get("usage")),
                delta.path("reasoning_content").asString(""),
                delta.path("reasoning").asString(""),
                delta.path("content").asString(""),
                present(delta.get("tool_calls")),
                choice.path("finish_reason").asString(""),
                stop.isString() ? stop.asString() : null);
    }

    /** JSON's null read as none, as the scanner reads it. */
    private static @Nullable JsonNode present(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
