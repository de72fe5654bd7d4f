package dev.tollgate.provider.anthropic;

import dev.tollgate.catalog.TokenCounts;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's usage as reported so far. {@code message_start} gives the prompt's counts (its {@code input_tokens}
 * already leaves out cached tokens, as {@link TokenCounts} does) with a placeholder output count; {@code message_delta}
 * gives the cumulative output and may restate the others. Cache writes come as a total ({@code
 * cache_creation_input_tokens}) and, in {@code cache_creation}, split into five-minute and one-hour writes.
 *
 * @param outputFinal true once a {@code message_delta} reported the output, which then replaces any estimate
 */
record UsageReport(TokenCounts counts, boolean outputFinal) {

    static UsageReport started(JsonNode usage) {
        return new UsageReport(TokenCounts.NONE, false).restated(usage);
    }

    /** This report with a {@code message_delta}'s usage: the output overwritten, the rest only where restated. */
    UsageReport updated(JsonNode usage) {
        return new UsageReport(
                        counts, outputFinal || usage.path("output_tokens").isNumber())
                .restated(usage);
    }

    private UsageReport restated(JsonNode usage) {
        long hourWrites = count(usage.path("cache_creation"), "ephemeral_1h_input_tokens", counts.cacheWrite1h());
        long writes = count(
                usage,
                "cache_creation_input_tokens",
                count(usage.path("cache_creation"), "ephemeral_5m_input_tokens", counts.cacheWrite()) + hourWrites);
        // the total wins over a breakdown that does not add up; what it does not place under one hour is five-minute
        hourWrites = Math.min(writes, hourWrites);
        return new UsageReport(
                new TokenCounts(
                        count(usage, "input_tokens", counts.input()),
                        count(usage, "output_tokens", counts.output()),
                        count(usage, "cache_read_input_tokens", counts.cacheRead()),
                        writes - hourWrites,
                        hourWrites),
                outputFinal);
    }

    private static long count(JsonNode usage, String field, long otherwise) {
        JsonNode value = usage.path(field);
        return value.isNumber() ? Math.max(0, value.asLong()) : otherwise;
    }
}
