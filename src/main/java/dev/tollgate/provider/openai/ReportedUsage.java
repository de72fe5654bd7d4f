package dev.tollgate.provider.openai;

import dev.tollgate.catalog.TokenCounts;
import tools.jackson.databind.JsonNode;

/**
 * Reads an OpenAI {@code usage} object. OpenAI counts cached tokens inside {@code prompt_tokens}; the gateway counts
 * them apart, so the uncached input is the difference. Servers that report cache writes ({@code
 * cache_write_tokens}, or {@code cache_creation_input_tokens} as some proxies of Anthropic models do) count those
 * inside {@code prompt_tokens} too.
 */
final class ReportedUsage {

    private ReportedUsage() {}

    static TokenCounts of(JsonNode usage) {
        long prompt = nonNegative(usage.path("prompt_tokens").asLong(0));
        long output = nonNegative(usage.path("completion_tokens").asLong(0));
        JsonNode details = usage.path("prompt_tokens_details");
        long cacheRead =
                Math.min(prompt, nonNegative(details.path("cached_tokens").asLong(0)));
        long cacheWrite = nonNegative(details.path("cache_write_tokens").asLong(0));
        if (cacheWrite == 0) {
            cacheWrite = nonNegative(usage.path("cache_creation_input_tokens").asLong(0));
        }
        cacheWrite = Math.min(prompt - cacheRead, cacheWrite);
        return new TokenCounts(prompt - cacheRead - cacheWrite, output, cacheRead, cacheWrite);
    }

    /** The reasoning tokens, which OpenAI counts inside {@code completion_tokens} and breaks out beside them. */
    static long reasoningTokens(JsonNode usage) {
        return nonNegative(
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }

    /**
     * Reads a Responses API {@code usage} object, which names the same counts differently: {@code input_tokens} holds
     * the cached ({@code input_tokens_details.cached_tokens}) and cache-written ones as {@code prompt_tokens} does.
     */
    static TokenCounts ofResponses(JsonNode usage) {
        long input = nonNegative(usage.path("input_tokens").asLong(0));
        long output = nonNegative(usage.path("output_tokens").asLong(0));
        JsonNode details = usage.path("input_tokens_details");
        long cacheRead =
                Math.min(input, nonNegative(details.path("cached_tokens").asLong(0)));
        long cacheWrite = Math.min(
                input - cacheRead,
                nonNegative(details.path("cache_write_tokens").asLong(0)));
        return new TokenCounts(input - cacheRead - cacheWrite, output, cacheRead, cacheWrite);
    }

    /** The reasoning tokens of a Responses API {@code usage}, counted inside {@code output_tokens}. */
    static long responsesReasoningTokens(JsonNode usage) {
        return nonNegative(
                usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
    }

    private static long nonNegative(long value) {
        return Math.max(0, value);
    }
}
