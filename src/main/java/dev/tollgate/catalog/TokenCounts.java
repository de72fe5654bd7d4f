package dev.tollgate.catalog;

/**
 * Tokens of one chat request by how they are priced. {@code input} counts only uncached prompt tokens (Anthropic's
 * convention); cache writes come in two kinds priced apart: {@code cacheWrite} for entries kept five minutes and
 * {@code cacheWrite1h} for entries kept an hour. The whole prompt is {@code input + cacheRead + cacheWrites()}.
 */
public record TokenCounts(long input, long output, long cacheRead, long cacheWrite, long cacheWrite1h) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0);

    public TokenCounts {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0 || cacheWrite1h < 0) {
            throw new IllegalArgumentException("Token counts are not negative");
        }
    }

    /** Counts without one-hour cache writes, as every upstream but Anthropic's reports them. */
    public TokenCounts(long input, long output, long cacheRead, long cacheWrite) {
        this(input, output, cacheRead, cacheWrite, 0);
    }

    /** Both kinds of cache write together, as {@code cache_creation_input_tokens} reports them. */
    public long cacheWrites() {
        return cacheWrite + cacheWrite1h;
    }

    public long prompt() {
        return input + cacheRead + cacheWrites();
    }

    public long total() {
        return prompt() + output;
    }

    public TokenCounts withOutput(long newOutput) {
        return new TokenCounts(input, newOutput, cacheRead, cacheWrite, cacheWrite1h);
    }

    public TokenCounts plus(TokenCounts other) {
        return new TokenCounts(
                input + other.input,
                output + other.output,
                cacheRead + other.cacheRead,
                cacheWrite + other.cacheWrite,
                cacheWrite1h + other.cacheWrite1h);
    }
}
