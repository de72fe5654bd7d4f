package dev.tollgate.gateway.openai;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.FinishReason;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pieces of OpenAI's chat wire format shared by the streaming and the whole-body responses. */
final class OpenAiWire {

    private OpenAiWire() {}

    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
        };
    }

    /**
     * OpenAI's {@code prompt_tokens} include cached tokens; {@code cached_tokens} breaks out the cache reads and
     * {@code cache_write_tokens} the writes of both lifetimes (OpenAI's shape has no TTL to split them by). Likewise
     * {@code completion_tokens} include the reasoning tokens that {@code reasoning_tokens} breaks out.
     */
    static Map<String, Object> usage(TokenCounts tokens, long reasoningTokens) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", tokens.prompt());
        usage.put("completion_tokens", tokens.output());
        usage.put("total_tokens", tokens.total());
        usage.put(
                "prompt_tokens_details",
                Map.of(
                        "cached_tokens",
                        tokens.cacheRead(),
                        "cache_write_tokens",
                        tokens.cacheWrites(),
                        "audio_tokens",
                        0));
        usage.put(
                "completion_tokens_details",
                Map.of(
                        "reasoning_tokens",
                        reasoningTokens,
                        "audio_tokens",
                        0,
                        "accepted_prediction_tokens",
                        0,
                        "rejected_prediction_tokens",
                        0));
        return usage;
    }

    static String completionId(String requestId) {
        return "chatcmpl-" + requestId.substring(requestId.indexOf('_') + 1);
    }
}
