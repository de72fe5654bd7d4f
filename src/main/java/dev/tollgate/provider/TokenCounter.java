package dev.tollgate.provider;

/** Counts prompt and text tokens the way the gateway estimates and, where an upstream reports none, meters. */
public interface TokenCounter {

    /** Tokens of the whole prompt: system, messages (with per-message overhead and images) and tool definitions. */
    long countPrompt(ChatRequest request);

    /**
     * At least as many tokens as {@link #countPrompt} finds in the prompt, found without tokenising it: what a hold may
     * be sized by when the credit covers it, so only a hold that does not fit waits for the count.
     */
    long promptUpperBound(ChatRequest request);

    /** Tokens of a piece of generated text. */
    long countText(String text);
}
