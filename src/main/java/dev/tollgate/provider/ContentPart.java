package dev.tollgate.provider;

/**
 * A piece of a message: text, an image, a tool call the assistant made, the result the caller sent back, or the
 * assistant's thinking echoed back.
 */
public sealed interface ContentPart permits TextPart, ImagePart, ToolCallPart, ToolResultPart, ThinkingPart {

    /** True when the caller marked a prompt-cache breakpoint at the end of this part ({@code cache_control}). */
    boolean cacheBreakpoint();

    /** How long the cache entry written at this part's breakpoint lasts; five minutes unless the caller chose. */
    default CacheTtl cacheTtl() {
        return CacheTtl.FIVE_MINUTES;
    }
}
