package dev.tollgate.provider;

import java.util.Objects;

/** What the caller's tool returned for the call {@code toolCallId}. */
public record ToolResultPart(
        String toolCallId, String content, boolean isError, boolean cacheBreakpoint, CacheTtl cacheTtl)
        implements ContentPart {

    public ToolResultPart {
        Objects.requireNonNull(toolCallId);
        Objects.requireNonNull(content);
        Objects.requireNonNull(cacheTtl);
    }

    public ToolResultPart(String toolCallId, String content, boolean isError, boolean cacheBreakpoint) {
        this(toolCallId, content, isError, cacheBreakpoint, CacheTtl.FIVE_MINUTES);
    }
}
