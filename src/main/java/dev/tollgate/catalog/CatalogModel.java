package dev.tollgate.catalog;

import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model as the rest of the product sees it. Chat models carry {@link TokenPricing} and a context window; image
 * and video models a fixed price per request, and image models their one {@link Resolution}.
 */
public record CatalogModel(
        ModelId id,
        String name,
        ModelKind kind,
        @Nullable TokenPricing tokenPricing,
        @Nullable Integer contextWindow,
        @Nullable Credits requestPrice,
        @Nullable Resolution resolution,
        Instant createdAt) {

    public CatalogModel {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        if (kind == ModelKind.CHAT && tokenPricing == null) {
            throw new IllegalArgumentException("A chat model has token prices: " + id);
        }
        if (kind.isPricedPerRequest() && requestPrice == null) {
            throw new IllegalArgumentException("An image or video model has a price per request: " + id);
        }
        if (kind == ModelKind.IMAGE && resolution == null) {
            throw new IllegalArgumentException("An image model has a fixed resolution: " + id);
        }
    }

    public TokenPricing requireTokenPricing() {
        return Objects.requireNonNull(tokenPricing, () -> id + " is not priced per token");
    }

    public Credits requireRequestPrice() {
        return Objects.requireNonNull(requestPrice, () -> id + " is not priced per request");
    }
}
