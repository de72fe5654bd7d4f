package dev.tollgate.catalog;

/**
 * Tokens of one chat request by how they are priced. {@code input} counts only uncached prompt tokens (Anthropic's
 * convention); the whole prompt is {@code input + cacheRead + cacheWrite}.
 */
public record TokenCounts(long input, long output, long cacheRead, long cacheWrite) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0);

    public TokenCounts {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0) {
            throw new IllegalArgumentException("Token counts are not negative");
        }
    }

    public long prompt() {
        return input + cacheRead + cacheWrite;
    }

    public long total() {
        return prompt() + output;
    }

    public TokenCounts withOutput(long newOutput) {
        return new TokenCounts(input, newOutput, cacheRead, cacheWrite);
    }
}
