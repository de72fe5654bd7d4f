package dev.tollgate.provider;

import java.util.Objects;

public record TextPart(String text, boolean cacheBreakpoint) implements ContentPart {

    public TextPart {
        Objects.requireNonNull(text);
    }
}
