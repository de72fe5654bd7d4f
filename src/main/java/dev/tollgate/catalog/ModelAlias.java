package dev.tollgate.catalog;

import java.time.Instant;
import java.util.Objects;

/** Another name for a catalog model: requests naming {@code alias} are served by {@code model}. */
public record ModelAlias(ModelId alias, ModelId model, Instant createdAt) {

    public ModelAlias {
        Objects.requireNonNull(alias);
        Objects.requireNonNull(model);
        Objects.requireNonNull(createdAt);
    }
}
