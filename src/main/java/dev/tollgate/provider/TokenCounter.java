package dev.tollgate.provider;

/** Counts prompt and text tokens the way the gateway estimates and, where an upstream reports none, meters. */
public interface TokenCounter {

    /** Tokens of the whole prompt: system, messages (with per-message overhead and images) and tool definitions. */
    long countPrompt(ChatRequest request);

    /** Tokens of a piece of generated text. */
    long countText(String text);
}
