package dev.tollgate.provider;

import java.util.Objects;

/** What the caller's tool returned for the call {@code toolCallId}. */
public record ToolResultPart(String toolCallId, String content, boolean isError, boolean cacheBreakpoint)
        implements ContentPart {

    public ToolResultPart {
        Objects.requireNonNull(toolCallId);
        Objects.requireNonNull(content);
    }
}
