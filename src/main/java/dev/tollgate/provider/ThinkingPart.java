package dev.tollgate.provider;

import java.util.Objects;

/**
 * Reasoning the assistant did before it answered, as the caller echoes it back in the history. Readable thinking
 * carries its text and the signature its provider issued for it; a redacted block carries only the provider's opaque
 * data, in {@code text}, and no signature. Upstreams check both, so they travel back exactly as they came.
 */
public record ThinkingPart(String text, String signature, boolean redacted) implements ContentPart {

    public ThinkingPart {
        Objects.requireNonNull(text);
        Objects.requireNonNull(signature);
    }

    public static ThinkingPart readable(String thinking, String signature) {
        return new ThinkingPart(thinking, signature, false);
    }

    public static ThinkingPart redacted(String data) {
        return new ThinkingPart(data, "", true);
    }

    /**
     * True for reasoning that came without a signature (an OpenAI-compatible server's {@code reasoning_content}):
     * Anthropic and Bedrock would refuse it, and ignore earlier turns' thinking anyway, so it only goes to upstreams
     * that take unsigned reasoning.
     */
    public boolean unsigned() {
        return !redacted && signature.isEmpty();
    }

    /** Upstreams cache thinking with the turn around it; a thinking block takes no breakpoint of its own. */
    @Override
    public boolean cacheBreakpoint() {
        return false;
    }
}
