package dev.tollgate.provider.tokens;

import java.util.Objects;

/**
 * Text covering {@code tokens} consecutive tokens. Usually one token; more when a character's UTF-8 bytes span tokens,
 * since a token on its own would then not be valid text.
 */
public record TokenRun(String text, int tokens) {

    public TokenRun {
        Objects.requireNonNull(text);
        if (tokens < 1) {
            throw new IllegalArgumentException("A run covers at least one token");
        }
    }
}
