package dev.tollgate.account;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

public record TeamId(UUID value) {

    public TeamId {
        Objects.requireNonNull(value, "value");
    }

    public static TeamId random() {
        return new TeamId(UUID.randomUUID());
    }

    /** A team id from a path or form value; empty when the text is not one, which callers answer as "not found". */
    public static Optional<TeamId> tryParse(String text) {
        try {
            return Optional.of(new TeamId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
