package dev.tollgate.caller;

import java.util.Locale;
import java.util.Optional;

/** The API family a caller speaks, which decides the shape of every answer and error it receives. */
public enum Dialect {
    /** OpenAI's Chat Completions ({@code /v1/chat/completions}) and the rest of its API but Responses. */
    OPENAI,
    ANTHROPIC,
    /** OpenAI's Responses API ({@code /v1/responses}); errors take OpenAI's shape. */
    RESPONSES;

    /** The name usage rows and video jobs store: {@code openai}, {@code anthropic}, {@code responses}. */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Dialect> fromStoredName(String name) {
        for (Dialect dialect : values()) {
            if (dialect.storedName().equals(name)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }
}
