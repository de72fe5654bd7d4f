package dev.tollgate.apikey;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a team admin asks for when creating a key. Empty {@code allowedModels} means every model; a null budget,
 * expiry or limit means none.
 */
public record NewApiKey(
        String name,
        @Nullable Instant expiresAt,
        @Nullable Credits budget,
        Set<ModelId> allowedModels,
        @Nullable Integer requestsPerMinute) {

    public NewApiKey {
        name = name == null ? "" : name.strip();
        allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
    }

    public static NewApiKey named(String name) {
        return new NewApiKey(name, null, null, Set.of(), null);
    }
}
