package dev.tollgate.caller;

import java.util.Locale;
import java.util.Optional;

/** The API family a caller speaks, which decides the shape of every answer and error it receives. */
public enum Dialect {
    OPENAI,
    ANTHROPIC;

    /** The name usage rows and video jobs store: {@code openai}, {@code anthropic}. */
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
