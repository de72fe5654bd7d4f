package dev.tollgate.apikey;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

public record ApiKeyId(UUID value) {

    public ApiKeyId {
        Objects.requireNonNull(value, "value");
    }

    public static Optional<ApiKeyId> tryParse(String text) {
        try {
            return Optional.of(new ApiKeyId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
