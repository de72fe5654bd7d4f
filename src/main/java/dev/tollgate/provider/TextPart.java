package dev.tollgate.provider;

import java.util.Objects;

public record TextPart(String text, boolean cacheBreakpoint, CacheTtl cacheTtl) implements ContentPart {

    public TextPart {
        Objects.requireNonNull(text);
        Objects.requireNonNull(cacheTtl);
    }

    public TextPart(String text, boolean cacheBreakpoint) {
        this(text, cacheBreakpoint, CacheTtl.FIVE_MINUTES);
    }
}
